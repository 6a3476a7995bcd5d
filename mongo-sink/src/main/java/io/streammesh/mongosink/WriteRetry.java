package io.streammesh.mongosink;

import java.time.Duration;

/**
 * The retry state of a batch MongoDB (or the dead-letter topic) has not acknowledged: how many
 * attempts failed in a row, and when the next one is due ({@link Backoff}).
 */
final class WriteRetry {

    private final Backoff backoff;
    private int failedAttempts;
    private long retryAtNanos;

    WriteRetry(Backoff backoff) {
        this.backoff = backoff;
    }

    /** A batch is waiting to be written again. */
    boolean pending() {
        return failedAttempts > 0;
    }

    /** How long until the next attempt is due; 0 when it is. */
    long waitMillis() {
        return Math.max(0, (retryAtNanos - System.nanoTime()) / 1_000_000);
    }

    int failedAttempts() {
        return failedAttempts;
    }

    /** One more attempt failed; returns the wait before the next. */
    Duration failed() {
        failedAttempts++;
        Duration delay = backoff.delay(failedAttempts);
        retryAtNanos = System.nanoTime() + delay.toNanos();
        return delay;
    }

    /** An attempt succeeded; returns how many had failed before it. */
    int succeeded() {
        int failed = failedAttempts;
        failedAttempts = 0;
        retryAtNanos = 0;
        return failed;
    }
}
