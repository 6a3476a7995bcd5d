package io.streammesh.inventory;

import io.streammesh.common.formula.Formulas;
import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.inventory.model.Availability;

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
        Integer capacity = station.info().capacity();
        if (capacity == null || capacity <= 0) {
            return "station-without-capacity";
        }
        if (Boolean.FALSE.equals(station.status().isInstalled())) {
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
        StationInfo info = station.info();
        StationStatus status = station.status();
        int cap = info.capacity();
        int bikes = require(status.numBikesAvailable(), "num_bikes_available");
        int docks = require(status.numDocksAvailable(), "num_docks_available");
        AvailableStation row = new AvailableStation(station.stationId(), info.name(), station.regionName(),
                require(info.lat(), "lat"), require(info.lon(), "lon"), cap, bikes, docks);
        int half = (int) Formulas.floor(cap / 2.0);
        double percentAvailable = Formulas.round((double) bikes / cap, 2);
        if (bikes >= highThreshold(cap)) {
            return Availability.of(new HighAvailability(row, bikes - half, percentAvailable));
        }
        if (bikes <= lowThreshold(cap) && docks >= half - bikes) {
            return Availability.of(new LowAvailability(row, half - bikes, percentAvailable));
        }
        return null;
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
