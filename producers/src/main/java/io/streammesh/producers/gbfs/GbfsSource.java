package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.producers.RecordSink;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a real GBFS system through its auto-discovery file and publishes what it reads, as the
 * contract says a real feed is read ("Reading a real GBFS feed"):
 * <ul>
 *   <li>each file on its own schedule, again when its ttl has passed ({@link RefreshPolicy}), with HTTP
 *       caching and gzip ({@link FeedFetcher}): a 304 publishes nothing;</li>
 *   <li>a failure (network, timeout, 429, 5xx, a body that is not JSON or not GBFS) backs off, honouring
 *       Retry-After, and keeps the last good data: nothing is published for that fetch, the validators
 *       and the statuses already published stay, the other files carry on;</li>
 *   <li>statuses change-only ({@link StatusChanges}) unless {@link Settings#publishEveryFetch()};</li>
 *   <li>duplicates, names of the other major version and implausible {@code last_reported} as
 *       {@link GbfsNormalizer} reads them; a status of a station absent from station_information is
 *       still published. Each is counted in the {@link FeedMonitor}, and logged when it appears.</li>
 * </ul>
 * Time comes from a {@link Clock} and waiting from a {@link Sleeper}, so a test can play hours of a
 * publisher in a second.
 */
public final class GbfsSource {

    private static final Logger LOG = LoggerFactory.getLogger(GbfsSource.class);

    /** The files read, in the order they are published when due together: reference data first. */
    enum Feed {
        DISCOVERY("gbfs", true), SYSTEM_REGIONS("system_regions", false),
        STATION_INFORMATION("station_information", true), STATION_STATUS("station_status", true);

        final String gbfsName;
        final boolean required;

        Feed(String gbfsName, boolean required) {
            this.gbfsName = gbfsName;
            this.required = required;
        }
    }

    /**
     * @param publishEveryFetch publish every status of every fetch, as the original producers did, instead of changes only
     * @param attempts          {@link #pollOnce} only: tries per file before giving up
     */
    public record Settings(URI discoveryUrl, String language, RefreshPolicy refresh, int attempts, Duration requestTimeout,
                           boolean publishEveryFetch) {
        public Settings {
            if (discoveryUrl == null || discoveryUrl.getScheme() == null
                    || !(discoveryUrl.getScheme().equals("http") || discoveryUrl.getScheme().equals("https"))) {
                throw new IllegalArgumentException("--gbfs-url must be an http(s) URL of a gbfs.json, got " + discoveryUrl);
            }
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
            if (requestTimeout.isZero() || requestTimeout.isNegative()) {
                throw new IllegalArgumentException("--timeout must be above 0, got " + requestTimeout);
            }
        }
    }

    /** What one poll of every file published. */
    public record Summary(String version, int regions, int stations, int statuses) {
    }

    /** A file still failing after the attempts {@link #pollOnce} allows. */
    public static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message);
        }
    }

    /** Where one file stands. */
    private static final class FileState {
        URI url;
        FeedFetcher.Validators validators = FeedFetcher.Validators.NONE;
        Duration interval;
        int failures;
        String lastFailure;
        Instant due = Instant.MIN;
        int published;
    }

    private final Settings settings;
    private final RecordSink sink;
    private final Clock clock;
    private final FeedFetcher fetcher;
    private final GbfsNormalizer normalizer;
    private final FeedMonitor monitor;
    private final StatusChanges changes = new StatusChanges();
    private final Map<Feed, FileState> files = new EnumMap<>(Feed.class);
    private GbfsNormalizer.Discovery discovery;
    private GbfsNormalizer.Discovery missingFeedsLogged;
    /** Station ids of the last station_information read; null before the first. */
    private Set<String> knownStations;

    public GbfsSource(Settings settings, RecordSink sink, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
        this.fetcher = new FeedFetcher(settings.requestTimeout(), clock);
        this.normalizer = new GbfsNormalizer(settings.language());
        this.monitor = new FeedMonitor(settings.discoveryUrl(), clock);
        for (Feed feed : Feed.values()) {
            files.put(feed, new FileState());
        }
    }

    public FeedMonitor monitor() {
        return monitor;
    }

    /** Reads every file once (regions only if the system has them), trying each up to {@code attempts} times. */
    public Summary pollOnce(Sleeper sleeper) throws UnavailableException {
        int[] counts = new int[Feed.values().length];
        for (Feed feed : Feed.values()) {
            URI url = url(feed);
            if (url == null) {
                if (feed.required) {
                    throw new UnavailableException("the discovery file " + settings.discoveryUrl() + " lists no " + feed.gbfsName
                            + " feed (feeds: " + discovery.feeds().keySet() + ")");
                }
                LOG.info("gbfs: the system publishes no {}; region names will be null", feed.gbfsName);
                continue;
            }
            FileState state = files.get(feed);
            for (int attempt = 1; !poll(feed, url); attempt++) {
                if (attempt >= settings.attempts()) {
                    String message = feed.gbfsName + " at " + url + " could not be read after " + settings.attempts() + " attempts: "
                            + state.lastFailure;
                    if (feed.required) {
                        throw new UnavailableException(message);
                    }
                    LOG.warn("gbfs: {}; publishing stations without regions", message);
                    break;
                }
                if (!sleeper.sleepUntil(state.due)) {
                    throw new UnavailableException("stopped while retrying " + feed.gbfsName);
                }
            }
            counts[feed.ordinal()] = state.published;
        }
        sink.flush();
        return new Summary(discovery.version(), counts[Feed.SYSTEM_REGIONS.ordinal()], counts[Feed.STATION_INFORMATION.ordinal()],
                counts[Feed.STATION_STATUS.ordinal()]);
    }

    /** Polls every file on its own schedule until the sleeper says stop; failures back off and are retried for ever. */
    public void run(Sleeper sleeper) {
        while (!sleeper.stopping()) {
            for (Feed feed : Feed.values()) {
                FileState state = files.get(feed);
                if (sleeper.stopping() || feed != Feed.DISCOVERY && discovery == null || state.due.isAfter(clock.instant())) {
                    continue;
                }
                URI url = url(feed);
                if (url == null) {
                    logMissing(feed);
                    // looked for again when the discovery file has been read again
                    state.due = files.get(Feed.DISCOVERY).due;
                    continue;
                }
                poll(feed, url);
            }
            sink.flush();
            if (!sleeper.sleepUntil(nextDue())) {
                break;
            }
        }
        sink.flush();
    }

    private Instant nextDue() {
        Instant next = files.get(Feed.DISCOVERY).due;
        if (discovery != null) {
            for (FileState state : files.values()) {
                next = state.due.isBefore(next) ? state.due : next;
            }
        }
        return next;
    }

    private void logMissing(Feed feed) {
        if (missingFeedsLogged != discovery) {
            missingFeedsLogged = discovery;
            if (feed.required) {
                LOG.warn("gbfs: the discovery file lists no {} feed (feeds: {}); reading it again in {}", feed.gbfsName,
                        discovery.feeds().keySet(), Durations.text(files.get(Feed.DISCOVERY).interval));
            } else {
                LOG.info("gbfs: the system publishes no {}; region names will be null", feed.gbfsName);
            }
        }
    }

    private URI url(Feed feed) {
        return feed == Feed.DISCOVERY ? settings.discoveryUrl() : discovery.feeds().get(feed.gbfsName);
    }

    /** Fetches one file and publishes what it says; true when it was read (200 or 304). */
    private boolean poll(Feed feed, URI url) {
        FileState state = files.get(feed);
        if (!url.equals(state.url)) {
            // validators belong to a URL: a feed that moved is read afresh
            state.url = url;
            state.validators = FeedFetcher.Validators.NONE;
        }
        FeedStats stats = monitor.feed(feed.gbfsName, url);
        Instant at = clock.instant();
        stats.attempted(at, url);
        FeedFetcher.Result result = fetcher.fetch(url, state.validators);
        String failure;
        Optional<Duration> retryAfter = Optional.empty();
        if (result instanceof FeedFetcher.NotModified) {
            state.published = 0;
            succeeded(state, stats, at, "304", state.interval != null ? state.interval : settings.refresh().interval(OptionalLong.empty()));
            return true;
        } else if (result instanceof FeedFetcher.Fetched fetched) {
            try {
                OptionalLong ttl = publish(feed, url, fetched.document(), at, state, stats);
                // kept only now: validators of a document that could not be read would turn its repair into a 304
                state.validators = fetched.validators();
                succeeded(state, stats, at, "200", settings.refresh().interval(ttl));
                return true;
            } catch (GbfsFormatException e) {
                failure = "not a GBFS " + feed.gbfsName + " file: " + e.getMessage();
            }
        } else {
            FeedFetcher.Failed failed = (FeedFetcher.Failed) result;
            if (Thread.currentThread().isInterrupted()) {
                // being stopped is not the publisher's failure
                return false;
            }
            failure = failed.reason();
            retryAfter = failed.retryAfter();
        }
        state.failures++;
        state.lastFailure = failure;
        stats.failed(failure);
        Duration delay = settings.refresh().retryDelay(state.failures, retryAfter);
        state.due = at.plus(delay);
        LOG.warn("gbfs: {} at {} failed ({} in a row): {}; keeping the last data, retrying in {}{}", feed.gbfsName, url,
                state.failures, failure, Durations.text(delay), retryAfter.map(d -> " (Retry-After " + Durations.text(d) + ")").orElse(""));
        return false;
    }

    private static void succeeded(FileState state, FeedStats stats, Instant at, String result, Duration interval) {
        state.failures = 0;
        state.interval = interval;
        state.due = at.plus(interval);
        stats.succeeded(at, result, interval);
    }

    /** Publishes one document; returns its ttl. Throws GbfsFormatException, before publishing anything, when it is not GBFS. */
    private OptionalLong publish(Feed feed, URI url, JsonNode root, Instant at, FileState state, FeedStats stats) {
        long timestamp = at.toEpochMilli();
        switch (feed) {
            case DISCOVERY -> {
                GbfsNormalizer.Discovery read = normalizer.discovery(root, url);
                if (discovery == null || !discovery.equals(read)) {
                    LOG.info("gbfs: GBFS {} system, language {}, feeds {}", read.version(), read.language(), read.feeds().keySet());
                }
                discovery = read;
                state.published = 0;
                return read.ttl();
            }
            case SYSTEM_REGIONS -> {
                GbfsNormalizer.Read<Region> read = normalizer.regions(root);
                noteQuirks(stats, read);
                read.records().forEach(r -> sink.send(Topics.SYSTEM_REGIONS, r, timestamp));
                // reference data reaches the broker before the statuses that need it
                sink.flush();
                published(state, stats, read.records().size());
            }
            case STATION_INFORMATION -> {
                GbfsNormalizer.Read<StationInfo> read = normalizer.stationInformation(root, discovery.version());
                noteQuirks(stats, read);
                Set<String> ids = new HashSet<>();
                for (StationInfo station : read.records()) {
                    sink.send(Topics.STATIONS_INFO, station, timestamp);
                    ids.add(station.stationId());
                }
                knownStations = ids;
                sink.flush();
                published(state, stats, read.records().size());
            }
            case STATION_STATUS -> {
                GbfsNormalizer.Read<StationStatus> read = normalizer.stationStatus(root, discovery.version(), at);
                noteQuirks(stats, read);
                int published = 0;
                int unknown = 0;
                for (StationStatus status : read.records()) {
                    if (knownStations != null && !knownStations.contains(status.stationId())) {
                        unknown++;
                    }
                    if (settings.publishEveryFetch()) {
                        changes.published(status);
                    } else if (!changes.changed(status)) {
                        stats.unchanged.incrementAndGet();
                        continue;
                    }
                    sink.send(Topics.STATIONS_STATUS, status, timestamp);
                    published++;
                }
                stats.unknownStations.addAndGet(unknown);
                quirk(stats, "statuses of stations missing from station_information", unknown,
                        "; published all the same (station-enrichment counts them)");
                published(state, stats, published);
            }
            default -> throw new IllegalStateException(feed.name());
        }
        return GbfsNormalizer.ttl(root);
    }

    private static void published(FileState state, FeedStats stats, int records) {
        state.published = records;
        stats.published.addAndGet(records);
    }

    /** Counts what was wrong with a file. */
    private void noteQuirks(FeedStats stats, GbfsNormalizer.Read<?> read) {
        stats.duplicates.addAndGet(read.duplicates());
        stats.otherVersionNames.addAndGet(read.otherVersionNames());
        stats.implausible.addAndGet(read.implausible());
        List<String> ids = read.duplicateIds();
        quirk(stats, "entries whose id an earlier entry of the file has", read.duplicates(),
                " (e.g. " + ids.subList(0, Math.min(5, ids.size())) + "); publishing the last entry of each");
        quirk(stats, "entries with field names of the other GBFS major version", read.otherVersionNames(),
                " (the system says GBFS " + discovery.version() + "); read either way");
        quirk(stats, "last_reported values before 2000 or over a day ahead", read.implausible(), "; published as null");
    }

    /** Logs a quirk of a file when it appears and when it is gone, not on every fetch of a feed that always has it. */
    private static void quirk(FeedStats stats, String what, int count, String consequence) {
        if (stats.changed(what, count > 0)) {
            if (count > 0) {
                LOG.warn("gbfs: {} has {} {}{}", stats.feed, count, what, consequence);
            } else {
                LOG.info("gbfs: {} has no {} any more", stats.feed, what);
            }
        }
    }
}
