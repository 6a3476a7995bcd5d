package io.streammesh.producers.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streammesh.contracts.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gbfs source against a publisher played over simulated time ({@link SimulatedPublisher}): how
 * often it fetches, what it does with caching headers, gzip, rate limits, errors, timeouts, and the
 * quirks of real feeds. Each test asserts the records published and the counters of the feed's health.
 */
class GbfsSourceTest {

    static final Instant START = Instant.parse("2025-07-02T06:00:00Z");
    static final String STATUS = "station_status";
    static final String INFO = "station_information";

    SimulatedTime time = new SimulatedTime(START, Duration.ZERO);
    SimulatedPublisher publisher;
    final RecordingSink sink = new RecordingSink();
    GbfsSource source;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    /** A publisher of GBFS 3.0 on a fresh simulated clock; the source is made on first run. */
    SimulatedPublisher publisher() {
        publisher = new SimulatedPublisher(time);
        return publisher;
    }

    void runUntil(long second) {
        runUntil(second, false, Duration.ofSeconds(5));
    }

    void runUntil(long second, boolean everyFetch, Duration timeout) {
        if (source == null) {
            source = new GbfsSource(new GbfsSource.Settings(URI.create(publisher.url()), "en", RefreshPolicy.CONTRACT, 3, timeout,
                    everyFetch), sink, time);
        }
        time.extendTo(second);
        source.run(time);
    }

    FeedHealth health(String feed) {
        return source.monitor().health().stream().filter(h -> h.feed().equals(feed)).findFirst().orElseThrow();
    }

    /** The seconds at which records of {@code topic} were published, as the record timestamps say. */
    List<Long> publishedAt(String topic) {
        return sink.on(topic).stream().map(s -> (s.timestamp() - START.toEpochMilli()) / 1000).toList();
    }

    List<String> statusIds() {
        return sink.on("stations.status").stream().map(s -> s.key()).toList();
    }

    // --- documents -------------------------------------------------------------------------------

    static ObjectNode stations(JsonNode... entries) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode list = data.putArray("stations");
        for (JsonNode e : entries) {
            list.add(e);
        }
        return data;
    }

    static ObjectNode info(String id) {
        return Json.MAPPER.createObjectNode().put("station_id", id).put("name", "Station " + id).put("lat", 45.5).put("lon", -73.6)
                .put("capacity", 20);
    }

    /** A 3.x status: num_vehicles_available, last_reported as RFC 3339. */
    static ObjectNode status(String id, int bikes, Instant lastReported) {
        return Json.MAPPER.createObjectNode().put("station_id", id).put("num_vehicles_available", bikes)
                .put("num_docks_available", 20 - bikes).put("is_installed", true).put("is_renting", true).put("is_returning", true)
                .put("last_reported", lastReported.toString());
    }

    /** The same status in 2.3 names: num_bikes_available, last_reported in epoch seconds. */
    static ObjectNode status23(String id, int bikes, long lastReported) {
        return Json.MAPPER.createObjectNode().put("station_id", id).put("num_bikes_available", bikes)
                .put("num_docks_available", 20 - bikes).put("is_installed", true).put("is_renting", true).put("is_returning", true)
                .put("last_reported", lastReported);
    }

    /** Serves station_information of {@code ids} (ttl 60) and a station_status made per second (ttl per second). */
    void feed(LongFunction<Long> statusTtl, LongFunction<ObjectNode> statusData, String... ids) {
        ObjectNode infoData = stations(java.util.Arrays.stream(ids).map(GbfsSourceTest::info).toArray(JsonNode[]::new));
        publisher.serve(INFO, now -> publisher.document(60, START, infoData));
        publisher.serve(STATUS, now -> {
            long s = now.getEpochSecond() - START.getEpochSecond();
            Long ttl = statusTtl.apply(s);
            // the file changes only when its data (or ttl) does, so a publisher's ETag says "unchanged" in between
            return publisher.document(ttl == null ? -1 : ttl, START, statusData.apply(s));
        });
    }

    /** Station A changes every 10 s (another bike count, a new last_reported); B and C never do. */
    ObjectNode aChangesEvery10s(long second) {
        long slot = second / 10;
        return stations(status("A", (int) (slot % 7), START.plusSeconds(slot * 10)), status("B", 5, START), status("C", 8, START));
    }

    // --- fetching by ttl, caching, gzip ----------------------------------------------------------

    @Test
    void eachFileIsFetchedAgainWhenItsTtlHasPassedWithinFiveAndThreeHundredSeconds() {
        publisher();
        // ttl 10, then 30, then 0 (below the 5 s floor), then none (60 s), then an hour (above the 300 s ceiling)
        feed(s -> s < 60 ? Long.valueOf(10) : s < 120 ? Long.valueOf(30) : s < 180 ? Long.valueOf(0) : s < 300 ? null : Long.valueOf(3600),
                s -> stations(status("A", 3, START), status("B", 5, START)), "A", "B");
        runUntil(700);

        assertThat(publisher.requestSeconds(STATUS)).containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L, 90L, 120L,
                125L, 130L, 135L, 140L, 145L, 150L, 155L, 160L, 165L, 170L, 175L, 180L, 240L, 300L, 600L);
        assertThat(publisher.requestSeconds(INFO)).containsExactly(0L, 60L, 120L, 180L, 240L, 300L, 360L, 420L, 480L, 540L, 600L, 660L);
        assertThat(publisher.requestSeconds("gbfs")).hasSize(12);
        // the statuses never changed: published once, whatever the ttl did to the file
        assertThat(statusIds()).containsExactly("A", "B");
        FeedHealth status = health(STATUS);
        assertThat(status.refreshInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(status.requests()).isEqualTo(24);
        assertThat(status.errors()).isZero();
        assertThat(status.unchanged()).isEqualTo(2L * (24 - status.notModified() - 1));
    }

    @ParameterizedTest(name = "validators: {0}")
    @ValueSource(strings = {"ETag", "Last-Modified"})
    void aFileThatDidNotChangeAnswers304AndPublishesNothing(String validator) {
        publisher().etags(validator.equals("ETag")).lastModified(validator.equals("Last-Modified"));
        // A changes every 30 s; the file is asked for every 10 s
        feed(s -> 10L, s -> stations(status("A", (int) (s / 30 % 5), START.plusSeconds(s / 30 * 30)), status("B", 5, START),
                status("C", 8, START)), "A", "B", "C");
        runUntil(120);

        assertThat(publisher.requests(STATUS)).extracting(SimulatedPublisher.Request::status)
                .containsExactly(200, 304, 304, 200, 304, 304, 200, 304, 304, 200, 304, 304);
        assertThat(publisher.requests(STATUS).subList(1, 12)).allSatisfy(r -> assertThat(validator.equals("ETag")
                ? r.ifNoneMatch() : r.ifModifiedSince()).isNotNull());
        assertThat(publisher.requests(INFO)).extracting(SimulatedPublisher.Request::status).containsExactly(200, 304);
        assertThat(publishedAt("stations.status")).containsExactly(0L, 0L, 0L, 30L, 60L, 90L);
        assertThat(publishedAt("stations.info")).containsExactly(0L, 0L, 0L);
        FeedHealth status = health(STATUS);
        assertThat(status.notModified()).isEqualTo(8);
        assertThat(status.lastResult()).isEqualTo("304");
        assertThat(status.refreshInterval()).as("a 304 keeps the interval of the last document").isEqualTo(Duration.ofSeconds(10));
        assertThat(status.published()).isEqualTo(6);
    }

    @Test
    void gzipIsAskedForAndReadAsThePlainFile() {
        List<RecordingSink.Sent> plain = null;
        for (boolean gzip : new boolean[] {false, true}) {
            time = new SimulatedTime(START, Duration.ZERO);
            source = null;
            sink.sent.clear();
            if (publisher != null) {
                publisher.close();
            }
            publisher().gzip(gzip);
            feed(s -> 10L, this::aChangesEvery10s, "A", "B", "C");
            runUntil(60);
            assertThat(publisher.requests).allSatisfy(r -> assertThat(r.acceptEncoding()).isEqualTo("gzip"));
            if (plain == null) {
                plain = List.copyOf(sink.sent);
            }
        }
        assertThat(sink.sent).isEqualTo(plain).hasSize(3 + 3 + 5);
    }

    // --- failures: rate limits, errors, broken bodies, timeouts ------------------------------------

    @Test
    void a429WithRetryAfterIsHonouredTheOtherFilesCarryOnAndTheLastDataStays() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        publisher().fault(STATUS, 30, 31, SimulatedPublisher.Answer.tooManyRequests(60));
        feed(s -> 10L, this::aChangesEvery10s, "A", "B", "C");
        runUntil(1);
        source.monitor().bindTo(registry);
        runUntil(80);

        FeedHealth during = health(STATUS);
        assertThat(during.lastResult()).isEqualTo("HTTP 429");
        assertThat(during.lastSuccess()).isEqualTo(time.at(20));
        assertThat(during.age()).isEqualTo(Duration.ofSeconds(60));
        assertThat(during.staleness()).isEqualTo(Duration.ofSeconds(50));
        assertThat(during.stale()).isTrue();
        assertThat(during.consecutiveErrors()).isOne();
        assertThat(registry.scrape()).contains("streammesh_gbfs_staleness_seconds{feed=\"station_status\",source=\"" + publisher.url()
                + "\"} 50.0").contains("streammesh_gbfs_requests_total{feed=\"station_status\",result=\"error\"");

        runUntil(150);
        assertThat(publisher.requestSeconds(STATUS)).containsExactly(0L, 10L, 20L, 30L, 90L, 100L, 110L, 120L, 130L, 140L);
        assertThat(publisher.requestSeconds(INFO)).as("the other files carry on").containsExactly(0L, 60L, 120L);
        assertThat(publishedAt("stations.status")).containsExactly(0L, 0L, 0L, 10L, 20L, 90L, 100L, 110L, 120L, 130L, 140L);
        FeedHealth after = health(STATUS);
        assertThat(after.errors()).isOne();
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(after.lastError()).isEqualTo("HTTP 429");
        assertThat(after.stale()).isFalse();
        assertThat(after.line()).contains("station_status 200 10s ago every 10s").contains("1 errors");
        assertThat(registry.scrape()).contains("streammesh_gbfs_records_published_total{feed=\"station_status\"");
    }

    @Test
    void aBurstOf500sBacksOffExponentiallyAndRecovers() {
        publisher().fault(STATUS, 30, 60, SimulatedPublisher.Answer.status(500, "Internal Server Error"));
        feed(s -> 10L, this::aChangesEvery10s, "A", "B", "C");
        runUntil(100);

        assertThat(publisher.requestSeconds(STATUS)).containsExactly(0L, 10L, 20L, 30L, 35L, 45L, 65L, 75L, 85L, 95L);
        assertThat(publishedAt("stations.status")).containsExactly(0L, 0L, 0L, 10L, 20L, 65L, 75L, 85L, 95L);
        FeedHealth status = health(STATUS);
        assertThat(status.errors()).isEqualTo(3);
        assertThat(status.consecutiveErrors()).isZero();
        assertThat(status.lastError()).isEqualTo("HTTP 500");
    }

    @Test
    void aTruncatedBodyIsAnErrorWhoseValidatorsAreNotKept() {
        publisher().fault(STATUS, 30, 31, SimulatedPublisher::truncated);
        feed(s -> 10L, this::aChangesEvery10s, "A", "B", "C");
        runUntil(60);

        assertThat(publisher.requestSeconds(STATUS)).containsExactly(0L, 10L, 20L, 30L, 35L, 45L, 55L);
        List<SimulatedPublisher.Request> requests = publisher.requests(STATUS);
        assertThat(requests.get(4).ifNoneMatch()).as("asked with the last good document's ETag").isEqualTo(requests.get(3).ifNoneMatch());
        assertThat(requests.get(4).status()).isEqualTo(200);
        assertThat(publishedAt("stations.status")).containsExactly(0L, 0L, 0L, 10L, 20L, 35L, 45L, 55L);
        FeedHealth status = health(STATUS);
        assertThat(status.errors()).isOne();
        assertThat(status.lastError()).startsWith("not JSON");
    }

    @Test
    void aPublisherSlowerThanTheTimeoutIsAnErrorAndRetried() {
        publisher().fault(STATUS, 10, 11, normal -> new SimulatedPublisher.Answer(200, normal.headers(), normal.body(), 3_000));
        feed(s -> 10L, this::aChangesEvery10s, "A", "B", "C");
        runUntil(30, false, Duration.ofMillis(300));

        assertThat(publisher.requestSeconds(STATUS)).containsExactly(0L, 10L, 15L, 25L);
        assertThat(publishedAt("stations.status")).containsExactly(0L, 0L, 0L, 15L, 25L);
        assertThat(health(STATUS).lastError()).startsWith("timed out");
    }

    @Test
    void aDocumentThatIsNotGbfsIsAnErrorAndPublishesNothing() {
        publisher().fault(INFO, 0, 1, normal -> SimulatedPublisher.Answer.status(200, "{\"data\":{\"stations\":{}}}"));
        feed(s -> 10L, this::aChangesEvery10s, "A", "B", "C");
        runUntil(10);

        assertThat(publisher.requestSeconds(INFO)).containsExactly(0L, 5L);
        assertThat(publishedAt("stations.info")).containsExactly(5L, 5L, 5L);
        assertThat(health(INFO).lastError()).contains("not a list");
    }

    // --- what real feeds get wrong ---------------------------------------------------------------

    @Test
    void aStationListedTwiceIsPublishedWithItsLastEntryAndCounted() {
        publisher();
        feed(s -> 10L, s -> stations(status("A", 1, START), status("B", 5, START), status("A", 9, START)), "A", "B");
        runUntil(30);

        assertThat(sink.on("stations.status")).extracting(s -> s.key() + "=" + s.value().get("num_bikes_available"))
                .containsExactly("A=9", "B=5");
        assertThat(health(STATUS).duplicates()).as("one per fetch read").isEqualTo(1);
        assertThat(publisher.requests(STATUS)).extracting(SimulatedPublisher.Request::status).containsExactly(200, 304, 304);
    }

    @Test
    void aGbfs30FeedWith23NamesIsReadEitherWayAndCounted() {
        publisher().version("3.0").etags(false).lastModified(false);
        long reported = START.getEpochSecond();
        ObjectNode info = (ObjectNode) info("A");
        info.putObject("vehicle_type_capacity").put("bike", 20);
        publisher.serve(INFO, now -> publisher.document(60, START, stations(info, info("B"))));
        publisher.serve(STATUS, now -> publisher.document(10, START,
                stations(status23("A", 4, reported), status("B", 6, START))));
        runUntil(30);

        assertThat(sink.on("stations.status")).extracting(s -> s.value().get("num_bikes_available").asInt() + "@"
                + s.value().get("last_reported").asLong()).containsExactly("4@" + reported, "6@" + reported);
        assertThat(sink.on("stations.info").get(0).value().get("vehicle_type_capacity")).isEqualTo(Json.tree("{\"bike\":20}"));
        assertThat(health(STATUS).otherVersionNames()).as("A in each of 3 fetches").isEqualTo(3);
        assertThat(health(INFO).otherVersionNames()).isEqualTo(1);
        assertThat(health(STATUS).unchanged()).isEqualTo(4);
    }

    @Test
    void lastReportedOfMinusOneOrNextYearIsPublishedAsNullAndCounted() {
        publisher().etags(false).lastModified(false);
        feed(s -> 10L, s -> stations(status23("A", 2, -1), status("B", 3, START.plus(Duration.ofDays(365))), status("C", 4, START)),
                "A", "B", "C");
        runUntil(30);

        assertThat(sink.on("stations.status")).extracting(s -> s.key() + ":" + s.value().has("last_reported"))
                .containsExactly("A:false", "B:false", "C:true");
        FeedHealth status = health(STATUS);
        assertThat(status.implausible()).as("two per fetch, three fetches").isEqualTo(6);
        assertThat(status.unchanged()).as("null is not newer: unchanged statuses stay unpublished").isEqualTo(6);
    }

    @Test
    void aStationThatDisappearsAndComesBackAndAStatusOfAnUnknownStation() {
        publisher();
        // C leaves station_information at 20 s and station_status at 30 s, both come back at 50 s, C changes at 70 s;
        // D has statuses but is never in station_information
        publisher.serve(INFO, now -> {
            long s = now.getEpochSecond() - START.getEpochSecond();
            return publisher.document(10, START, s >= 20 && s < 50 ? stations(info("A"), info("B")) : stations(info("A"), info("B"), info("C")));
        });
        publisher.serve(STATUS, now -> {
            long s = now.getEpochSecond() - START.getEpochSecond();
            JsonNode c = status("C", s >= 70 ? 1 : 8, s >= 70 ? START.plusSeconds(70) : START);
            JsonNode[] entries = s >= 30 && s < 50
                    ? new JsonNode[] {status("A", 3, START), status("B", 5, START), status("D", 2, START)}
                    : new JsonNode[] {status("A", 3, START), status("B", 5, START), c, status("D", 2, START)};
            return publisher.document(10, START.plusSeconds(s / 10 * 10), stations(entries));
        });
        runUntil(100);

        assertThat(sink.on("stations.info")).extracting(s -> publishedSecond(s) + ":" + s.key())
                .containsExactly("0:A", "0:B", "0:C", "20:A", "20:B", "50:A", "50:B", "50:C");
        assertThat(sink.on("stations.status")).extracting(s -> publishedSecond(s) + ":" + s.key())
                .as("C is not republished unchanged when it comes back, only when it changed").containsExactly("0:A", "0:B", "0:C", "0:D", "70:C");
        FeedHealth status = health(STATUS);
        // D in each of the 10 fetches, and C at 20 s (its status still listed, its information gone)
        assertThat(status.unknownStations()).isEqualTo(11);
        assertThat(status.requests()).isEqualTo(10);
    }

    @Test
    void publishingEveryFetchPublishesEveryStatusOfEveryDocumentRead() {
        publisher().etags(false).lastModified(false);
        feed(s -> 10L, s -> stations(status("A", 3, START), status("B", 5, START), status("C", 8, START)), "A", "B", "C");
        runUntil(60, true, Duration.ofSeconds(5));

        assertThat(publishedAt("stations.status")).hasSize(6 * 3);
        assertThat(health(STATUS).unchanged()).isZero();
        assertThat(health(STATUS).published()).isEqualTo(18);
    }

    @Test
    void healthIsVisibleInProcessWhileRegisteredAndServedAsJson() throws Exception {
        publisher();
        feed(s -> 10L, this::aChangesEvery10s, "A", "B", "C");
        runUntil(20);
        assertThat(FeedHealth.current()).noneMatch(h -> h.source().equals(publisher.url()));
        try (AutoCloseable visible = source.monitor().register()) {
            assertThat(FeedHealth.current()).filteredOn(h -> h.source().equals(publisher.url())).extracting(FeedHealth::feed)
                    .containsExactly("gbfs", INFO, STATUS);
            JsonNode json = Json.tree(Json.write(source.monitor().health()));
            assertThat(json.get(2).get("feed").asText()).isEqualTo(STATUS);
            assertThat(json.get(2).get("last_success").asText()).isEqualTo(time.at(10).toString());
            assertThat(json.get(2).get("refresh_interval").asText()).isEqualTo("PT10S");
            assertThat(json.get(2).get("stale").asBoolean()).isFalse();
        }
        assertThat(FeedHealth.current()).noneMatch(h -> h.source().equals(publisher.url()));
        assertThat(source.monitor().summary()).startsWith("feeds: gbfs 200 ").contains("; station_status 200 10s ago every 10s");
    }

    static long publishedSecond(RecordingSink.Sent s) {
        return (s.timestamp() - START.toEpochMilli()) / 1000;
    }
}
