package io.streammesh.inventory;

import io.streammesh.common.formula.Formulas;
import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.StationEnriched;

/**
 * The spec's high / low rule for one station's latest state (section "inventory-redistribution"),
 * with the ksqlDB functions exactly as written: {@code ROUND} ties up, {@code FLOOR}.
 *
 * <ul>
 *   <li>considered only if {@code cap > 0} and {@code is_installed} is not false;</li>
 *   <li>high when {@code bikes >= ROUND(cap * 0.75)}: {@code surplus = bikes - FLOOR(cap / 2)};</li>
 *   <li>low when {@code bikes <= ROUND(cap * 0.25)} and {@code docks >= FLOOR(cap / 2) - bikes}:
 *       {@code shortage = FLOOR(cap / 2) - bikes};</li>
 *   <li>{@code percent_available = ROUND(bikes / cap, 2)} with real division. <em>Clarification:</em>
 *       in ksqlDB {@code INT / INT} is integer division, which would make it 0 or 1; a fraction of
 *       the capacity (0.8 for 8 of 10 bikes) is what the name promises.</li>
 * </ul>
 *
 * <p>High and low never both hold: {@code ROUND(0.75 cap) > ROUND(0.25 cap)} for every {@code cap >= 1}.
 */
public final class StationAvailability {

    /** Why a station is not considered at all, for the drop counters; null when it is considered. */
    public static String exclusion(StationEnriched station) {
        if (station.capacity() == null || station.capacity() <= 0) {
            return "station-without-capacity";
        }
        if (Boolean.FALSE.equals(station.isInstalled())) {
            return "station-not-installed";
        }
        return null;
    }

    /**
     * The station's row in the high or the low set, or null when it is in neither (or not considered).
     *
     * @throws IllegalArgumentException when a considered station lacks a field the rule or the
     *     rows need (bikes, docks, lat, lon): the record is dead-lettered and the station keeps its
     *     previous state
     */
    public static Availability classify(StationEnriched station) {
        if (exclusion(station) != null) {
            return null;
        }
        int cap = station.capacity();
        int bikes = require(station.numBikesAvailable(), "num_bikes_available");
        int docks = require(station.numDocksAvailable(), "num_docks_available");
        double lat = require(station.lat(), "lat");
        double lon = require(station.lon(), "lon");
        int half = (int) Formulas.floor(cap / 2.0);
        Integer surplus = null;
        Integer shortage = null;
        if (bikes >= highThreshold(cap)) {
            surplus = bikes - half;
        } else if (bikes <= lowThreshold(cap) && docks >= half - bikes) {
            shortage = half - bikes;
        } else {
            return null;
        }
        return new Availability(station.stationId(), station.name(), station.regionName(), lat, lon, cap, bikes, docks,
                surplus, shortage, Formulas.round((double) bikes / cap, 2));
    }

    /** The fewest bikes that make a station high: {@code ROUND(cap * 0.75)}. */
    public static long highThreshold(int cap) {
        return Formulas.round(cap * 0.75);
    }

    /** The most bikes a low station can have: {@code ROUND(cap * 0.25)}. */
    public static long lowThreshold(int cap) {
        return Formulas.round(cap * 0.25);
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private StationAvailability() {
    }
}
