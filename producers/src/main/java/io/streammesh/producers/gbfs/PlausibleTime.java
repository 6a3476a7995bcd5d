package io.streammesh.producers.gbfs;

import java.time.Duration;
import java.time.Instant;

/**
 * The contract's bounds of a believable {@code last_reported}: not before 2000-01-01 (publishers send
 * 0 or -1 for "never") and not more than a day ahead of the fetch (a wrong clock, milliseconds sent as
 * seconds). Outside them it is published as null and counted.
 */
final class PlausibleTime {

    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Duration MOST_AHEAD = Duration.ofDays(1);

    private PlausibleTime() {
    }

    static boolean plausible(long epochSeconds, Instant fetchedAt) {
        return epochSeconds >= EARLIEST.getEpochSecond() && epochSeconds <= fetchedAt.plus(MOST_AHEAD).getEpochSecond();
    }
}
