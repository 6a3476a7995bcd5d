package io.streammesh.producers.gbfs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when the source sleeps, straight to the time it sleeps until, and tells it
 * to stop at the end of the run: half an hour of polling takes as long as its HTTP requests.
 */
final class SimulatedTime extends Clock implements Sleeper {

    private final Instant start;
    private volatile Instant end;
    private volatile Instant now;

    SimulatedTime(Instant start, Duration runFor) {
        this.start = start;
        this.end = start.plus(runFor);
        this.now = start;
    }

    @Override
    public boolean stopping() {
        return !now.isBefore(end);
    }

    @Override
    public boolean sleepUntil(Instant when) {
        if (!when.isBefore(end)) {
            now = end;
            return false;
        }
        if (when.isAfter(now)) {
            now = when;
        }
        return true;
    }

    /** Moves the end of the run to {@code second} after the start, so a stopped run can be continued. */
    void extendTo(long second) {
        end = start.plusSeconds(second);
    }

    /** Seconds since the start: what the tests' schedules are written in. */
    long second() {
        return Duration.between(start, now).getSeconds();
    }

    Instant at(long second) {
        return start.plusSeconds(second);
    }

    Instant start() {
        return start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
