package io.streammesh.mongosink;

import java.time.Duration;

/**
 * Exponential back-off between attempts to write a batch: {@code initial}, doubling each failed
 * attempt, never more than {@code max}. MongoDB that is down for a minute gets a handful of attempts,
 * not thousands, and the sink notices within {@code max} once it is back.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait after failed attempt number {@code attempt} (1 = the first failure). */
    public Duration delay(int attempt) {
        if (attempt <= 1) {
            return initial;
        }
        // shifting past 62 bits overflows; by then the cap has long applied
        int doublings = Math.min(attempt - 1, 40);
        long millis = initial.toMillis();
        long capMillis = max.toMillis();
        for (int i = 0; i < doublings && millis < capMillis; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, capMillis));
    }
}
