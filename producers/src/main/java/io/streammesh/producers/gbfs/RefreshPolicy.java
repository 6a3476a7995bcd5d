package io.streammesh.producers.gbfs;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a GBFS file is fetched again (contract, "Reading a real GBFS feed"): after its {@code ttl},
 * within {@link #minInterval} and {@link #maxInterval} (5 s and 300 s), {@link #WITHOUT_TTL} (60 s)
 * when the file gives none; after a failure, an exponential back-off from {@link #initialBackoff} to
 * {@link #maxBackoff}, or the publisher's {@code Retry-After} when that is longer.
 */
public record RefreshPolicy(Duration minInterval, Duration maxInterval, Duration initialBackoff, Duration maxBackoff) {

    public static final String MIN_INTERVAL = "5s";
    public static final String MAX_INTERVAL = "300s";
    /** The first retry waits as long as the shortest refresh: a failing publisher is not asked more often than a healthy one. */
    public static final String INITIAL_BACKOFF = MIN_INTERVAL;
    public static final String MAX_BACKOFF = "5m";
    /** A file without a ttl is fetched this often. */
    public static final Duration WITHOUT_TTL = Duration.ofSeconds(60);
    /** A Retry-After beyond this is taken as a mistake of the publisher's, not as an hours-long pause. */
    public static final Duration RETRY_AFTER_CAP = Duration.ofHours(1);

    /** The contract's bounds. */
    public static final RefreshPolicy CONTRACT = new RefreshPolicy(Durations.parse(MIN_INTERVAL), Durations.parse(MAX_INTERVAL),
            Durations.parse(INITIAL_BACKOFF), Durations.parse(MAX_BACKOFF));

    public RefreshPolicy {
        if (minInterval.compareTo(maxInterval) > 0) {
            throw new IllegalArgumentException("--min-interval (" + minInterval + ") is above --max-interval (" + maxInterval + ")");
        }
        if (initialBackoff.isZero() || initialBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("--initial-backoff must be above 0 and at most --max-backoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    /** How long after a good fetch (200 or 304) the file is fetched again, for the ttl it gave (seconds, if any). */
    public Duration interval(OptionalLong ttlSeconds) {
        Duration wanted = ttlSeconds.isPresent() ? Duration.ofSeconds(Math.max(0, ttlSeconds.getAsLong())) : WITHOUT_TTL;
        return wanted.compareTo(minInterval) < 0 ? minInterval : wanted.compareTo(maxInterval) > 0 ? maxInterval : wanted;
    }

    /**
     * How long to wait after the {@code failures}-th failure in a row: {@code initialBackoff} doubled per
     * failure up to {@code maxBackoff}, or the publisher's {@code Retry-After} when longer (up to
     * {@link #RETRY_AFTER_CAP}): never earlier than the publisher asked.
     */
    public Duration retryDelay(int failures, Optional<Duration> retryAfter) {
        long initial = initialBackoff.toMillis();
        long millis = Math.min(maxBackoff.toMillis(), initial << Math.min(30, Math.max(0, failures - 1)));
        Duration backoff = Duration.ofMillis(millis);
        Duration asked = retryAfter.map(d -> d.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : d).orElse(Duration.ZERO);
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }
}
