package io.streammesh.common.formula;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The ksqlDB functions the spec's data products are defined with, computed exactly as ksqlDB does,
 * so that a number here equals the number the original walkthrough's statement gave.
 */
public final class Formulas {

    private Formulas() {
    }

    /**
     * {@code GEO_DISTANCE(lat1, lon1, lat2, lon2, unit)}: the haversine great-circle distance on a
     * sphere of radius 6371 km / 3959 miles.
     */
    public static double geoDistance(double lat1, double lon1, double lat2, double lon2, DistanceUnit unit) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double deltaPhi = Math.toRadians(lat2 - lat1);
        double deltaLambda = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(deltaPhi / 2), 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(deltaLambda / 2), 2);
        double c = 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
        return unit.earthRadius() * c;
    }

    /** {@code ROUND(x)}: the nearest whole number, ties towards +infinity (2.5 -> 3, -2.5 -> -2). */
    public static long round(double x) {
        return Math.round(x);
    }

    /**
     * {@code ROUND(x, decimals)}: rounds the decimal representation of x ({@link BigDecimal#valueOf},
     * so 0.285 is 0.285 and not 0.28499999...) with ties towards +infinity: 0.125 -> 0.13, 0.285 -> 0.29,
     * -0.125 -> -0.12.
     */
    public static double round(double x, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        RoundingMode mode = x >= 0 ? RoundingMode.HALF_UP : RoundingMode.HALF_DOWN;
        return BigDecimal.valueOf(x).setScale(decimals, mode).doubleValue();
    }

    /** {@code FLOOR(x)}: the largest whole number not above x. */
    public static long floor(double x) {
        return (long) Math.floor(x);
    }
}
