package io.streammesh.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A latitude or longitude in degrees. A value outside the axis' range, or not finite (JSON's 1e400
 * reads as infinity), is no place on Earth: every distance, ETA and pair computed from it would be
 * wrong without anyone noticing. {@link JsonSerde} rejects such a record, so it lands on the reading
 * service's dead-letter topic with the reason; an absent value is left to {@link Required}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Coordinate {

    Axis value();

    enum Axis {
        LATITUDE(90), LONGITUDE(180);

        final double limit;

        Axis(double limit) {
            this.limit = limit;
        }
    }
}
