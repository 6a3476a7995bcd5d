package io.streammesh.producers.gbfs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the source has seen of one file so far. Written by the polling thread only; read by the
 * metrics, the summary and the demo page from theirs.
 */
final class FeedStats {

    final String feed;
    volatile URI url;
    volatile Instant lastAttempt;
    volatile Instant lastSuccess;
    volatile String lastResult;
    volatile String lastError;
    volatile Duration interval;
    volatile int consecutiveErrors;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong notModified = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong otherVersionNames = new AtomicLong();
    final AtomicLong implausible = new AtomicLong();
    final AtomicLong unknownStations = new AtomicLong();
    private final Map<String, Boolean> present = new ConcurrentHashMap<>();

    FeedStats(String feed, URI url) {
        this.feed = feed;
        this.url = url;
    }

    void attempted(Instant at, URI url) {
        this.url = url;
        lastAttempt = at;
        requests.incrementAndGet();
    }

    void succeeded(Instant at, String result, Duration interval) {
        lastSuccess = at;
        lastResult = result;
        this.interval = interval;
        consecutiveErrors = 0;
        (result.equals("304") ? notModified : ok).incrementAndGet();
    }

    void failed(String reason) {
        lastResult = reason;
        lastError = reason;
        consecutiveErrors++;
        errors.incrementAndGet();
    }

    /** True when a quirk of this file appeared or went away with this fetch: worth a log line then, not on every fetch. */
    boolean changed(String quirk, boolean presentNow) {
        Boolean before = present.put(quirk, presentNow);
        return (before != null && before) != presentNow;
    }

    FeedHealth health(String source, Instant now, Instant started) {
        Instant success = lastSuccess;
        Duration interval = this.interval;
        Duration age = Duration.between(success != null ? success : started, now);
        Duration staleness = interval == null ? age : age.minus(interval);
        if (staleness.isNegative()) {
            staleness = Duration.ZERO;
        }
        boolean stale = success == null || interval == null || staleness.compareTo(interval) > 0;
        return new FeedHealth(source, feed, url, success, lastAttempt, lastResult, interval, age, staleness, stale,
                requests.get(), notModified.get(), errors.get(), consecutiveErrors, lastError, published.get(), unchanged.get(),
                duplicates.get(), otherVersionNames.get(), implausible.get(), unknownStations.get());
    }
}
