package io.streammesh.common.formula;

import java.util.Locale;

/** The units of ksqlDB's GEO_DISTANCE, with the earth radius it uses for each. */
public enum DistanceUnit {
    KM(6371.0), MILES(3959.0);

    private final double earthRadius;

    DistanceUnit(double earthRadius) {
        this.earthRadius = earthRadius;
    }

    public double earthRadius() {
        return earthRadius;
    }

    /** Parses the unit argument as ksqlDB accepts it: 'KM', 'kilometers', 'MI', 'miles' (any case). */
    public static DistanceUnit parse(String unit) {
        return switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "km", "kilometer", "kilometers", "kilometre", "kilometres" -> KM;
            case "mi", "mile", "miles" -> MILES;
            default -> throw new IllegalArgumentException("Unknown distance unit '" + unit + "': use 'KM' or 'miles'");
        };
    }
}
