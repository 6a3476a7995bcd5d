package io.streammesh.producers.gbfs;

import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.Region;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.producers.RecordSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a real GBFS system through its auto-discovery file and publishes what it reads.
 *
 * <p>Each feed is polled on its own schedule, after its {@code ttl} (never more often than
 * {@code minInterval}). A feed that cannot be fetched or read is logged and retried with
 * exponential back-off up to {@code maxBackoff}; the others carry on, and the source never gives up
 * while running. {@link #pollOnce} reads each feed once, for recording a feed to a file.
 */
public final class GbfsSource {

    private static final Logger LOG = LoggerFactory.getLogger(GbfsSource.class);

    /** The feeds read, in the order they are published when due together: reference data first. */
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

    public record Settings(URI discoveryUrl, String language, Duration minInterval, Duration initialBackoff,
                           Duration maxBackoff, int attempts, Duration requestTimeout) {
        public Settings {
            if (discoveryUrl == null || discoveryUrl.getScheme() == null
                    || !(discoveryUrl.getScheme().equals("http") || discoveryUrl.getScheme().equals("https"))) {
                throw new IllegalArgumentException("--gbfs-url must be an http(s) URL of a gbfs.json, got " + discoveryUrl);
            }
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
            }
        }
    }

    /** What one poll of every feed published. */
    public record Summary(String version, int regions, int stations, int statuses) {
    }

    /** A feed still failing after the attempts {@link #pollOnce} allows. */
    public static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final RecordSink sink;
    private final HttpClient http;
    private final GbfsNormalizer normalizer;
    private GbfsNormalizer.Discovery discovery;

    public GbfsSource(Settings settings, RecordSink sink) {
        this.settings = settings;
        this.sink = sink;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.normalizer = new GbfsNormalizer(settings.language());
    }

    /** Reads every feed once (regions only if the system has them), retrying each up to {@code attempts} times. */
    public Summary pollOnce(StopSignal stop) throws UnavailableException {
        int[] counts = new int[Feed.values().length];
        for (Feed feed : Feed.values()) {
            URI url = url(feed);
            if (url == null) {
                if (feed.required) {
                    throw new UnavailableException("the discovery file " + settings.discoveryUrl() + " lists no " + feed.gbfsName + " feed"
                            + " (feeds: " + discovery.feeds().keySet() + ")");
                }
                LOG.info("gbfs: the system publishes no {}; region names will be null", feed.gbfsName);
                continue;
            }
            String lastError = null;
            for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
                try {
                    counts[feed.ordinal()] = read(feed, url);
                    lastError = null;
                    break;
                } catch (IOException | GbfsFormatException e) {
                    lastError = describe(e);
                    if (attempt < settings.attempts()) {
                        Duration backoff = backoff(attempt);
                        LOG.warn("gbfs: {} at {} failed (attempt {} of {}): {}; retrying in {} ms", feed.gbfsName, url, attempt,
                                settings.attempts(), lastError, backoff.toMillis());
                        if (!stop.sleepUntil(System.currentTimeMillis() + backoff.toMillis())) {
                            throw new UnavailableException("stopped while retrying " + feed.gbfsName);
                        }
                    }
                }
            }
            if (lastError != null) {
                String message = feed.gbfsName + " at " + url + " could not be read after " + settings.attempts() + " attempts: " + lastError;
                if (feed.required) {
                    throw new UnavailableException(message);
                }
                LOG.warn("gbfs: {}; publishing stations without regions", message);
            }
        }
        sink.flush();
        return new Summary(discovery.version(), counts[Feed.SYSTEM_REGIONS.ordinal()], counts[Feed.STATION_INFORMATION.ordinal()],
                counts[Feed.STATION_STATUS.ordinal()]);
    }

    /** Polls every feed on its own ttl until stopped; failures back off and are retried for ever. */
    public void run(StopSignal stop) {
        Map<Feed, Long> due = new EnumMap<>(Feed.class);
        Map<Feed, Integer> failures = new EnumMap<>(Feed.class);
        for (Feed feed : Feed.values()) {
            due.put(feed, 0L);
            failures.put(feed, 0);
        }
        while (!stop.stopping()) {
            for (Feed feed : Feed.values()) {
                long now = System.currentTimeMillis();
                if (stop.stopping() || due.get(feed) > now || feed != Feed.DISCOVERY && discovery == null) {
                    continue;
                }
                URI url = url(feed);
                if (url == null) {
                    if (feed.required) {
                        LOG.warn("gbfs: the discovery file lists no {} feed (feeds: {}); reading it again later",
                                feed.gbfsName, discovery.feeds().keySet());
                        due.put(Feed.DISCOVERY, Math.min(due.get(Feed.DISCOVERY), now + backoff(failures.merge(Feed.DISCOVERY, 1, Integer::sum)).toMillis()));
                    }
                    due.put(feed, now + Math.max(settings.minInterval().toMillis(), discovery.ttlSeconds() * 1000));
                    continue;
                }
                try {
                    long ttl = fetchAndPublish(feed, url);
                    failures.put(feed, 0);
                    due.put(feed, now + Math.max(settings.minInterval().toMillis(), ttl * 1000));
                } catch (IOException | GbfsFormatException e) {
                    int failed = failures.merge(feed, 1, Integer::sum);
                    Duration backoff = backoff(failed);
                    LOG.warn("gbfs: {} at {} failed ({} in a row): {}; retrying in {} ms", feed.gbfsName, url, failed, describe(e),
                            backoff.toMillis());
                    due.put(feed, now + backoff.toMillis());
                }
            }
            sink.flush();
            long next = due.entrySet().stream().filter(e -> e.getKey() == Feed.DISCOVERY || discovery != null)
                    .mapToLong(Map.Entry::getValue).min().orElse(System.currentTimeMillis() + 1000);
            stop.sleepUntil(next);
        }
        sink.flush();
    }

    private URI url(Feed feed) {
        return feed == Feed.DISCOVERY ? settings.discoveryUrl() : discovery.feeds().get(feed.gbfsName);
    }

    /** Fetches and publishes one feed; returns how many records it published. */
    private int read(Feed feed, URI url) throws IOException {
        JsonNode root = fetch(url);
        return publish(feed, url, root);
    }

    private long fetchAndPublish(Feed feed, URI url) throws IOException {
        JsonNode root = fetch(url);
        publish(feed, url, root);
        return feed == Feed.DISCOVERY ? discovery.ttlSeconds() : GbfsNormalizer.ttl(root);
    }

    private int publish(Feed feed, URI url, JsonNode root) {
        long now = System.currentTimeMillis();
        switch (feed) {
            case DISCOVERY -> {
                GbfsNormalizer.Discovery read = normalizer.discovery(root, url);
                if (discovery == null || !discovery.equals(read)) {
                    LOG.info("gbfs: GBFS {} system, language {}, feeds {}", read.version(), read.language(), read.feeds().keySet());
                }
                discovery = read;
                return 0;
            }
            case SYSTEM_REGIONS -> {
                List<Region> regions = normalizer.regions(root);
                regions.forEach(r -> sink.send(Topics.SYSTEM_REGIONS, r, now));
                sink.flush(); // reference data reaches the broker before the statuses that need it
                return regions.size();
            }
            case STATION_INFORMATION -> {
                List<StationInfo> stations = normalizer.stationInformation(root);
                stations.forEach(s -> sink.send(Topics.STATIONS_INFO, s, now));
                sink.flush();
                return stations.size();
            }
            case STATION_STATUS -> {
                List<StationStatus> statuses = normalizer.stationStatus(root);
                statuses.forEach(s -> sink.send(Topics.STATIONS_STATUS, s, now));
                return statuses.size();
            }
            default -> throw new IllegalStateException(feed.name());
        }
    }

    private JsonNode fetch(URI url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.requestTimeout())
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new GbfsFormatException("not JSON: " + e.getOriginalMessage());
        }
    }

    private Duration backoff(int failures) {
        long initial = Math.max(1, settings.initialBackoff().toMillis());
        long millis = initial << Math.min(20, Math.max(0, failures - 1));
        return Duration.ofMillis(Math.min(settings.maxBackoff().toMillis(), millis));
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException
                ? "cannot connect (" + message + ")" : message;
    }
}
