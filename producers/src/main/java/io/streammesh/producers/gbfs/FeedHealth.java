package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The health of one file of a GBFS feed the producer reads (contract: "Per feed, the producer exposes
 * its health"), as of {@link FeedMonitor#health()}: when it last succeeded, how stale that is against
 * the file's ttl, and what was wrong with it. The same facts are metrics ({@code streammesh_gbfs_*})
 * and a part of the summary log line; {@link #current()} reads them in-process (the demo page), and
 * the producer serves them as JSON on {@code /feeds}.
 *
 * @param source            the system's auto-discovery URL
 * @param feed              the file: {@code gbfs}, {@code system_regions}, {@code station_information}, {@code station_status}
 * @param lastSuccess       the last 200 read or 304, null before the first
 * @param lastResult        {@code 200}, {@code 304}, or the last failure (e.g. {@code HTTP 503}, {@code timed out after 15s})
 * @param refreshInterval   how often the file is fetched while it is healthy: its ttl within the contract's bounds
 * @param age               time since {@code lastSuccess} (since the producer started when there is none)
 * @param staleness         how far {@code age} is beyond {@code refreshInterval} (zero while fresh)
 * @param stale             no success yet, or {@code staleness} beyond a whole refresh interval (at least one refresh missed)
 * @param requests          HTTP requests made
 * @param notModified       of which answered 304 (published nothing)
 * @param errors            of which failed (network, timeout, 429, 5xx, not JSON, not GBFS)
 * @param unchanged         statuses not published again because they had not changed (station_status)
 * @param duplicates        entries whose id an earlier entry of the same file had (the last one is published)
 * @param otherVersionNames entries using field names of the other GBFS major version (read either way)
 * @param implausible       {@code last_reported} values before 2000 or over a day ahead, published as null
 * @param unknownStations   statuses of stations absent from station_information (published all the same)
 */
public record FeedHealth(
        String source,
        String feed,
        URI url,
        @JsonSerialize(using = ToStringSerializer.class) Instant lastSuccess,
        @JsonSerialize(using = ToStringSerializer.class) Instant lastAttempt,
        String lastResult,
        @JsonSerialize(using = ToStringSerializer.class) Duration refreshInterval,
        @JsonSerialize(using = ToStringSerializer.class) Duration age,
        @JsonSerialize(using = ToStringSerializer.class) Duration staleness,
        boolean stale,
        long requests,
        long notModified,
        long errors,
        int consecutiveErrors,
        String lastError,
        long published,
        long unchanged,
        long duplicates,
        long otherVersionNames,
        long implausible,
        long unknownStations) {

    /** Every file of every GBFS feed read in this JVM right now (the demo reads it in-process). */
    public static List<FeedHealth> current() {
        List<FeedHealth> all = new ArrayList<>();
        FeedMonitor.running().forEach(m -> all.addAll(m.health()));
        return all;
    }

    /** For the summary line: "station_status 200 3s ago every 10s, 2 errors, 1 duplicates". */
    public String line() {
        StringBuilder line = new StringBuilder(feed).append(' ');
        line.append(lastSuccess == null ? "no data yet" : lastResult + " " + Durations.text(seconds(age)) + " ago");
        if (refreshInterval != null) {
            line.append(" every ").append(Durations.text(refreshInterval));
        }
        if (stale) {
            line.append(" STALE");
        }
        append(line, errors, "errors");
        if (consecutiveErrors > 0 && lastError != null) {
            line.append(" (").append(consecutiveErrors).append(" in a row, last: ").append(lastError).append(')');
        }
        append(line, notModified, "not modified");
        append(line, unchanged, "unchanged");
        append(line, duplicates, "duplicates");
        append(line, otherVersionNames, "other-version names");
        append(line, implausible, "implausible last_reported");
        append(line, unknownStations, "unknown stations");
        return line.toString();
    }

    private static Duration seconds(Duration d) {
        return Duration.ofSeconds(d.getSeconds());
    }

    private static void append(StringBuilder line, long count, String what) {
        if (count > 0) {
            line.append(", ").append(count).append(' ').append(what);
        }
    }
}
