package io.streammesh.producers.gbfs;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The health of every file of one GBFS feed (see {@link FeedHealth}), as a snapshot, as a part of the
 * summary line, and as metrics, labelled {@code source} (the discovery URL) and {@code feed} (the file):
 * <ul>
 *   <li>{@code streammesh_gbfs_requests_total{result=ok|not_modified|error}};</li>
 *   <li>{@code streammesh_gbfs_last_success_timestamp_seconds}, {@code streammesh_gbfs_staleness_seconds},
 *       {@code streammesh_gbfs_refresh_interval_seconds}, {@code streammesh_gbfs_consecutive_errors};</li>
 *   <li>{@code streammesh_gbfs_records_published_total}, {@code streammesh_gbfs_statuses_unchanged_total},
 *       {@code streammesh_gbfs_duplicates_total}, {@code streammesh_gbfs_other_version_names_total},
 *       {@code streammesh_gbfs_implausible_last_reported_total}, {@code streammesh_gbfs_unknown_stations_total}.</li>
 * </ul>
 */
public final class FeedMonitor {

    private static final List<FeedMonitor> RUNNING = new CopyOnWriteArrayList<>();

    private final String source;
    private final Clock clock;
    private final Instant started;
    private final Map<String, FeedStats> feeds = new LinkedHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    FeedMonitor(URI source, Clock clock) {
        this.source = source.toString();
        this.clock = clock;
        this.started = clock.instant();
    }

    static List<FeedMonitor> running() {
        return List.copyOf(RUNNING);
    }

    /** Makes this feed's health visible through {@link FeedHealth#current()} until the returned handle is closed. */
    public AutoCloseable register() {
        RUNNING.add(this);
        return () -> RUNNING.remove(this);
    }

    /** The stats of one file, created (and its meters registered) the first time it is fetched. */
    synchronized FeedStats feed(String name, URI url) {
        FeedStats stats = feeds.get(name);
        if (stats == null) {
            stats = new FeedStats(name, url);
            feeds.put(name, stats);
            for (MeterRegistry registry : registries) {
                register(registry, stats);
            }
        }
        return stats;
    }

    /** Every file fetched so far, in the order they were first fetched (discovery first). */
    public synchronized List<FeedHealth> health() {
        Instant now = clock.instant();
        return feeds.values().stream().map(f -> f.health(source, now, started)).toList();
    }

    /** "feeds: gbfs 200 10s ago every 60s; station_status 304 2s ago every 10s, 1 duplicates ..." */
    public String summary() {
        return "feeds: " + health().stream().map(FeedHealth::line).collect(Collectors.joining("; "));
    }

    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        feeds.values().forEach(f -> register(registry, f));
    }

    private void register(MeterRegistry registry, FeedStats f) {
        Tags tags = Tags.of("source", source, "feed", f.feed);
        counter(registry, "streammesh.gbfs.requests", "GBFS requests by result", tags.and("result", "ok"),
                f, s -> s.ok.get());
        counter(registry, "streammesh.gbfs.requests", "GBFS requests by result", tags.and("result", "not_modified"),
                f, s -> s.notModified.get());
        counter(registry, "streammesh.gbfs.requests", "GBFS requests by result", tags.and("result", "error"),
                f, s -> s.errors.get());
        counter(registry, "streammesh.gbfs.records.published", "Records published from this file", tags, f, s -> s.published.get());
        counter(registry, "streammesh.gbfs.statuses.unchanged", "Statuses not published again because they had not changed",
                tags, f, s -> s.unchanged.get());
        counter(registry, "streammesh.gbfs.duplicates", "Entries whose id an earlier entry of the same file had", tags, f,
                s -> s.duplicates.get());
        counter(registry, "streammesh.gbfs.other.version.names", "Entries using names of the other GBFS major version", tags, f,
                s -> s.otherVersionNames.get());
        counter(registry, "streammesh.gbfs.implausible.last.reported", "last_reported before 2000 or over a day ahead, published as null",
                tags, f, s -> s.implausible.get());
        counter(registry, "streammesh.gbfs.unknown.stations", "Statuses of stations absent from station_information", tags, f,
                s -> s.unknownStations.get());
        gauge(registry, "streammesh.gbfs.last.success.timestamp", "When the file was last read (200 or 304), epoch seconds",
                tags, f, s -> s.lastSuccess == null ? Double.NaN : s.lastSuccess.toEpochMilli() / 1000.0);
        gauge(registry, "streammesh.gbfs.staleness", "How far the file's data is older than its refresh interval",
                tags, f, s -> s.health(source, clock.instant(), started).staleness().toMillis() / 1000.0);
        gauge(registry, "streammesh.gbfs.refresh.interval", "The file's ttl within the contract's bounds",
                tags, f, s -> s.interval == null ? Double.NaN : s.interval.toMillis() / 1000.0);
        Gauge.builder("streammesh.gbfs.consecutive.errors", f, s -> s.consecutiveErrors)
                .description("Failed fetches of the file since its last success").tags(tags).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, Tags tags, FeedStats f,
                                ToDoubleFunction<FeedStats> value) {
        FunctionCounter.builder(name, f, value).description(description).tags(tags).register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, Tags tags, FeedStats f,
                              ToDoubleFunction<FeedStats> value) {
        Gauge.builder(name, f, value).description(description).tags(tags).baseUnit("seconds").register(registry);
    }

    @Override
    public String toString() {
        return "FeedMonitor{" + source + "}";
    }
}
