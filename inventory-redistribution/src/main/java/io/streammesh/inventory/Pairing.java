package io.streammesh.inventory;

import io.streammesh.common.formula.DistanceUnit;
import io.streammesh.common.formula.Formulas;
import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.RedistributionPair;

/**
 * The spec's pairing rule for {@code inventory.redistribution}: a high station S and a low station D
 * with the same non-null region_name pair when {@code shortage(D) > 0} and
 * {@code surplus(S) >= shortage(D)}; {@code redistribution = dest_shortage},
 * {@code distance = ROUND(GEO_DISTANCE(S.lat, S.lon, D.lat, D.lon, 'miles'), 2)}.
 */
public final class Pairing {

    /** The station as a source of pairs: high, with a region. */
    public static Member asSource(Availability row) {
        if (row == null || !row.inHighSet() || row.regionName() == null) {
            return null;
        }
        return new Member(row.stationId(), row.regionName(), row.name(), row.lat(), row.lon(), row.surplus());
    }

    /** The station as a destination of pairs: low, with a region and a shortage (a shortage of 0 never pairs). */
    public static Member asDestination(Availability row) {
        if (row == null || !row.inLowSet() || row.regionName() == null || row.shortage() <= 0) {
            return null;
        }
        return new Member(row.stationId(), row.regionName(), row.name(), row.lat(), row.lon(), row.shortage());
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
