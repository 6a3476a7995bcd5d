package io.streammesh.producers.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.producers.ProducersApp;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    void runningServesTheFeedsHealthMetricsAndHealthOnItsHttpPort() throws Exception {
        int port = io.streammesh.embedded.EmbeddedKafkaBroker.freePort();
        Path file = dir.resolve("running.jsonl");
        Thread producer = new Thread(() -> ProducersApp.run("gbfs", "--gbfs-url", server.url("v2.3"), "--set", "http.port=" + port,
                "--to-file", file.toString()), "gbfs-running");
        producer.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> FeedHealth.current().stream()
                    .anyMatch(h -> h.feed().equals("station_status") && h.lastSuccess() != null));
            JsonNode feeds = Json.tree(get(http, port, "/feeds"));
            assertThat(feeds).extracting(f -> f.get("feed").asText())
                    .containsExactly("gbfs", "system_regions", "station_information", "station_status");
            assertThat(feeds.get(3).get("published").asLong()).isEqualTo(2);
            // the fixture's ttl 0 is raised to the contract's 5 s floor
            assertThat(feeds.get(3).get("refresh_interval").asText()).isEqualTo("PT5S");
            assertThat(get(http, port, "/metrics")).contains("streammesh_gbfs_requests_total{feed=\"station_status\",result=\"ok\"")
                    .contains("streammesh_producer_records_sent_total{producer=\"gbfs\",topic=\"stations.status\"} 2.0");
            assertThat(get(http, port, "/health")).contains("UP");
        } finally {
            producer.interrupt();
            producer.join(10_000);
        }
        assertThat(producer.isAlive()).isFalse();
        assertThat(FeedHealth.current()).as("no longer visible once stopped").isEmpty();
        assertThat(topics(Files.readAllLines(file).stream().map(Json::tree).toList()))
                .startsWith("system.regions", "stations.info", "stations.info", "stations.status", "stations.status");
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
