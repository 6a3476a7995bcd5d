package io.streammesh.producers.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.producers.ProducersApp;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code producers gbfs} against the MobilityData fixtures served over HTTP by a local server. */
class GbfsCommandTest {

    @TempDir
    Path dir;

    final GbfsFixtureServer server = new GbfsFixtureServer();

    @AfterEach
    void stop() {
        server.close();
    }

    List<JsonNode> record(String... args) throws Exception {
        Path file = dir.resolve("feed-" + System.nanoTime() + ".jsonl");
        String[] all = new String[args.length + 3];
        all[0] = "gbfs";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--to-file";
        all[args.length + 2] = file.toString();
        assertThat(ProducersApp.run(all)).isZero();
        return Files.readAllLines(file).stream().map(Json::tree).toList();
    }

    static List<String> topics(List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("topic").asText()).toList();
    }

    @Test
    void onceRecordsAGbfs23FeedInTheReplayFormatRegionsFirst() throws Exception {
        long before = System.currentTimeMillis();
        List<JsonNode> lines = record("--gbfs-url", server.url("v2.3"), "--once");
        assertThat(topics(lines)).containsExactly("system.regions", "stations.info", "stations.info", "stations.status", "stations.status");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("timestamp").asLong()).isBetween(before, System.currentTimeMillis());
            String id = l.get("topic").asText().equals("system.regions") ? "region_id" : "station_id";
            assertThat(l.get("key").asText()).isEqualTo(l.get("value").get(id).asText());
        });
        assertThat(lines.get(0).get("value")).isEqualTo(Json.tree("{\"region_id\":\"TST:Region:Sahara\",\"name\":\"Sahara\"}"));
        assertThat(lines.get(2).get("value")).isEqualTo(Json.tree("""
                {"station_id":"TST:Station:2","name":"Cooler bikes","lat":11.34,"lon":44.67,
                 "vehicle_type_capacity":{"TST:VehicleType:CityBike":12}}"""));
        JsonNode status = lines.get(3).get("value");
        assertThat(status.get("num_bikes_available").asInt()).isEqualTo(1);
        assertThat(status.get("num_docks_available").asInt()).isEqualTo(3);
        assertThat(status.get("last_reported").asLong()).isEqualTo(1751437263L);
        assertThat(status.get("vehicle_docks_available")).hasSize(2);
    }

    @Test
    void onceReadsAGbfs30FeedWithoutRegionsNormalisedTo23() throws Exception {
        List<JsonNode> lines = record("--gbfs-url", server.url("v3.0"), "--once");
        assertThat(topics(lines)).doesNotContain("system.regions");
        assertThat(lines.stream().filter(l -> l.get("topic").asText().equals("stations.info"))).hasSize(23)
                .allSatisfy(l -> assertThat(l.get("value").get("name").isTextual()).isTrue());
        JsonNode status = lines.stream().filter(l -> l.get("topic").asText().equals("stations.status")).findFirst().orElseThrow().get("value");
        assertThat(status.get("station_id").asText()).isEqualTo("6efbec5a-6b8c-455b-bed2-8d66be6d6a4b");
        assertThat(status.get("num_bikes_available").asInt()).isZero();
        assertThat(status.has("num_vehicles_available")).isFalse();
        assertThat(status.get("last_reported").asLong()).isEqualTo(1562247183L);
    }

    @Test
    void aGbfs30SystemWithRegionsPublishesTheirLocalisedNames() throws Exception {
        server.addDiscoveredFeed("v3.0", "system_regions");
        List<JsonNode> lines = record("--gbfs-url", server.url("v3.0"), "--once");
        assertThat(lines.get(0).get("topic").asText()).isEqualTo("system.regions");
        assertThat(lines.get(0).get("value")).isEqualTo(Json.tree("{\"region_id\":\"YVO:Region:5\",\"name\":\"Gothenburg\"}"));
    }

    @Test
    void failingAndMalformedFeedsAreRetriedWithBackOff() throws Exception {
        server.fail("v2.3", "station_status", new GbfsFixtureServer.Fault(500, "oops"), new GbfsFixtureServer.Fault(200, "<html>busy</html>"))
                .fail("v2.3", "station_information", new GbfsFixtureServer.Fault(200, "{\"data\":{}}"));
        List<JsonNode> lines = record("--gbfs-url", server.url("v2.3"), "--once", "--initial-backoff", "20ms");
        assertThat(topics(lines)).containsExactly("system.regions", "stations.info", "stations.info", "stations.status", "stations.status");
        assertThat(server.requests("v2.3", "station_status")).isEqualTo(3);
        assertThat(server.requests("v2.3", "station_information")).isEqualTo(2);
    }

    @Test
    void anUnreachableFeedEndsOnceWithAClearMessageNotACrash() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        PrintStream original = System.err;
        int rc;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = ProducersApp.run("gbfs", "--gbfs-url", "http://127.0.0.1:" + closedPort + "/gbfs.json", "--once",
                    "--attempts", "2", "--initial-backoff", "10ms", "--to-file", dir.resolve("none.jsonl").toString());
        } finally {
            System.setErr(original);
        }
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gbfs.json").contains("after 2 attempts").doesNotContain("Exception in");
    }

    @Test
    void aMissingRegionsFeedIsNotFatalButAMissingStatusFeedIs() throws Exception {
        server.fail("v2.3", "system_regions", new GbfsFixtureServer.Fault(404, "gone"), new GbfsFixtureServer.Fault(404, "gone"));
        List<JsonNode> lines = record("--gbfs-url", server.url("v2.3"), "--once", "--attempts", "2", "--initial-backoff", "10ms");
        assertThat(topics(lines)).containsExactly("stations.info", "stations.info", "stations.status", "stations.status");
    }

    @Test
    void runningPollsEachFeedAfterItsTtlAndRidesOutAnOutage() throws Exception {
        RecordingSink sink = new RecordingSink();
        GbfsSource source = new GbfsSource(new GbfsSource.Settings(URI.create(server.url("v2.3")), "en", Duration.ofMillis(100),
                Duration.ofMillis(20), Duration.ofMillis(200), 1, Duration.ofSeconds(5)), sink);
        try (StopSignal stop = StopSignal.manual()) {
            Thread poller = new Thread(() -> source.run(stop), "gbfs-poller");
            poller.start();
            // station feeds have ttl 0: polled every min-interval; regions (ttl 300 s) once
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.on("stations.status").size() >= 6);
            server.down(true);
            int seen = server.requests("v2.3", "station_status");
            await().atMost(Duration.ofSeconds(20)).until(() -> server.requests("v2.3", "station_status") >= seen + 3);
            assertThat(poller.isAlive()).isTrue();
            int published = sink.on("stations.status").size();
            server.down(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.on("stations.status").size() >= published + 4);
            stop.stop();
            poller.join(5_000);
            assertThat(poller.isAlive()).isFalse();
        }
        assertThat(sink.on("system.regions")).hasSize(1);
        assertThat(sink.on("stations.info").size()).isGreaterThanOrEqualTo(6);
        assertThat(server.requests("v2.3", "system_regions")).isEqualTo(1);
        // the first round published reference data before statuses
        assertThat(sink.sent.get(0).topic()).isEqualTo("system.regions");
        assertThat(sink.sent.get(1).topic()).isEqualTo("stations.info");
    }
}
