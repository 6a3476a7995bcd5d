package io.streammesh.inventory;

import io.streammesh.common.formula.DistanceUnit;
import io.streammesh.common.formula.Formulas;
import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.contracts.bikeshare.StationEnriched;
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

    final Map<String, HighAvailability> high = new TreeMap<>();
    final Map<String, LowAvailability> low = new TreeMap<>();
    final Map<String, RedistributionPair> pairs = new TreeMap<>();

    static BruteForce of(Collection<StationEnriched> latest) {
        BruteForce result = new BruteForce();
        for (StationEnriched s : latest) {
            Integer capacity = s.info().capacity();
            if (capacity == null || capacity <= 0 || Boolean.FALSE.equals(s.status().isInstalled())) {
                continue;
            }
            int cap = capacity;
            int bikes = s.status().numBikesAvailable();
            int docks = s.status().numDocksAvailable();
            int half = cap / 2; // FLOOR(cap / 2) for cap > 0
            double percent = BigDecimal.valueOf(bikes).divide(BigDecimal.valueOf(cap), 2, RoundingMode.HALF_UP).doubleValue();
            AvailableStation row = new AvailableStation(s.stationId(), s.info().name(), s.regionName(), s.info().lat(), s.info().lon(),
                    cap, bikes, docks);
            if (bikes >= Math.floor(cap * 0.75 + 0.5)) {
                result.high.put(s.stationId(), new HighAvailability(row, bikes - half, percent));
            }
            if (bikes <= Math.floor(cap * 0.25 + 0.5) && docks >= half - bikes) {
                result.low.put(s.stationId(), new LowAvailability(row, half - bikes, percent));
            }
        }
        for (HighAvailability s : result.high.values()) {
            for (LowAvailability d : result.low.values()) {
                String region = s.station().regionName();
                if (region != null && region.equals(d.station().regionName()) && d.shortage() > 0 && s.surplus() >= d.shortage()) {
                    double miles = Formulas.round(Formulas.geoDistance(s.station().lat(), s.station().lon(), d.station().lat(),
                            d.station().lon(), DistanceUnit.MILES), 2);
                    result.pairs.put(s.stationId() + "-" + d.stationId(), new RedistributionPair(s.stationId(), d.stationId(),
                            region, s.station().name(), d.station().name(), s.surplus(), d.shortage(), d.shortage(), miles));
                }
            }
        }
        return result;
    }
}
