package io.streammesh.inventory;

import io.streammesh.common.formula.DistanceUnit;
import io.streammesh.common.formula.Formulas;
import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.inventory.model.Member;

/**
 * The spec's pairing rule for {@code inventory.redistribution}: a high station S and a low station D
 * with the same non-null region_name pair when {@code shortage(D) > 0} and
 * {@code surplus(S) >= shortage(D)}; {@code redistribution = dest_shortage},
 * {@code distance = ROUND(GEO_DISTANCE(S.lat, S.lon, D.lat, D.lon, 'miles'), 2)}.
 */
public final class Pairing {

    /** A high station as a source of pairs, when it has a region; null for no row. */
    public static Member asSource(HighAvailability row) {
        return row == null ? null : member(row.station(), row.surplus());
    }

    /** A low station as a destination of pairs, when it has a region and a shortage (a shortage of 0 never pairs); null for no row. */
    public static Member asDestination(LowAvailability row) {
        return row == null || row.shortage() <= 0 ? null : member(row.station(), row.shortage());
    }

    private static Member member(AvailableStation station, int amount) {
        if (station.regionName() == null) {
            return null;
        }
        return new Member(station.stationId(), station.regionName(), station.name(), station.lat(), station.lon(), amount);
    }

    /** Whether the pair S-D holds, without computing it. */
    public static boolean holds(Member source, Member dest) {
        return source != null && dest != null && source.regionName().equals(dest.regionName())
                && dest.amount() > 0 && source.amount() >= dest.amount();
    }

    /** The pair S-D, or null when it does not hold. */
    public static RedistributionPair pair(Member source, Member dest) {
        if (!holds(source, dest)) {
            return null;
        }
        return new RedistributionPair(source.stationId(), dest.stationId(), source.regionName(), source.name(), dest.name(),
                source.amount(), dest.amount(), dest.amount(), distance(source, dest));
    }

    /** {@code ROUND(GEO_DISTANCE(S.lat, S.lon, D.lat, D.lon, 'miles'), 2)}. */
    public static double distance(Member source, Member dest) {
        double miles = Formulas.geoDistance(source.lat(), source.lon(), dest.lat(), dest.lon(), DistanceUnit.MILES);
        return Formulas.round(miles, 2);
    }

    private Pairing() {
    }
}
