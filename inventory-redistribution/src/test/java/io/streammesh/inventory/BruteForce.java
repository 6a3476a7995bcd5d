package io.streammesh.inventory;

import io.streammesh.common.formula.DistanceUnit;
import io.streammesh.common.formula.Formulas;
import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.RedistributionPair;
import io.streammesh.inventory.model.StationEnriched;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec's three tables recomputed from scratch from the latest state of every station, written
 * independently of the service's classes (only the common GEO_DISTANCE / ROUND are shared), so the
 * incremental service can be checked against it.
 */
final class BruteForce {

    final Map<String, Availability> high = new TreeMap<>();
    final Map<String, Availability> low = new TreeMap<>();
    final Map<String, RedistributionPair> pairs = new TreeMap<>();

    static BruteForce of(Collection<StationEnriched> latest) {
        BruteForce result = new BruteForce();
        for (StationEnriched s : latest) {
            if (s.capacity() == null || s.capacity() <= 0 || Boolean.FALSE.equals(s.isInstalled())) {
                continue;
            }
            int cap = s.capacity();
            int bikes = s.numBikesAvailable();
            int docks = s.numDocksAvailable();
            int half = cap / 2; // FLOOR(cap / 2) for cap > 0
            double percent = BigDecimal.valueOf(bikes).divide(BigDecimal.valueOf(cap), 2, RoundingMode.HALF_UP).doubleValue();
            if (bikes >= Math.floor(cap * 0.75 + 0.5)) {
                result.high.put(s.stationId(), new Availability(s.stationId(), s.name(), s.regionName(), s.lat(), s.lon(), cap,
                        bikes, docks, bikes - half, null, percent));
            }
            if (bikes <= Math.floor(cap * 0.25 + 0.5) && docks >= half - bikes) {
                result.low.put(s.stationId(), new Availability(s.stationId(), s.name(), s.regionName(), s.lat(), s.lon(), cap,
                        bikes, docks, null, half - bikes, percent));
            }
        }
        for (Availability s : result.high.values()) {
            for (Availability d : result.low.values()) {
                if (s.regionName() != null && s.regionName().equals(d.regionName())
                        && d.shortage() > 0 && s.surplus() >= d.shortage()) {
                    double miles = Formulas.round(Formulas.geoDistance(s.lat(), s.lon(), d.lat(), d.lon(), DistanceUnit.MILES), 2);
                    result.pairs.put(s.stationId() + "-" + d.stationId(), new RedistributionPair(s.stationId(), d.stationId(),
                            s.regionName(), s.name(), d.name(), s.surplus(), d.shortage(), d.shortage(), miles));
                }
            }
        }
        return result;
    }
}
