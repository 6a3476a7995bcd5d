package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.local.CatalogCommandTest;
import io.streammesh.local.Services;
import io.streammesh.local.StreamMeshCli;
import io.streammesh.local.query.QueryClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole suite as {@code ./streammesh demo} runs it, on free ports: every data product fills,
 * MongoDB gets job_status documents, the page renders in a real headless browser, and once the
 * producers stop, what the page's API shows equals what the topics hold, read independently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoStackIT {

    private static final Path WORK = Path.of("target", "demo-it");
    private static final Path SCREENSHOT = Path.of("target", "demo.png");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DemoStack stack;

    @BeforeAll
    void start() {
        // small and fast: 60 stations at 120x (a status round every half second), a few jobs a second, 6 trucks
        DemoOptions options = new DemoOptions(WORK, false, null, null, 0, 0,
                DemoOptions.generators(60, 120, 50, 3, 6), Duration.ofMillis(200), Map.of());
        stack = DemoStack.start(options, System.out);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
            assertThat(WORK).as("a run without --keep-data leaves nothing behind").doesNotExist();
        }
    }

    private JsonNode api(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + stack.webPort() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return Json.tree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> productCounts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        api("/api/data-products").get("data_products").forEach(p -> counts.put(p.get("name").asText(), p.get("record_count").asLong()));
        return counts;
    }

    @Test
    @Order(1)
    void everyServiceRunsEveryDataProductFillsAndMongoDbGetsJobStatusDocuments() {
        assertThat(stack.failures()).isEmpty();
        assertThat(stack.services().keySet()).containsExactlyElementsOf(Services.KNOWN);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Long> counts = productCounts();
            assertThat(counts.keySet()).containsExactlyElementsOf(CatalogCommandTest.DATA_PRODUCTS);
            assertThat(counts).allSatisfy((topic, n) -> assertThat(n).as(topic).isPositive());
            assertThat(api("/api/marketplace").get("mongodb").get("documents").asLong()).isPositive();
            assertThat(api("/api/trucks").get("trucks")).isNotEmpty();
        });

        JsonNode products = api("/api/data-products");
        for (JsonNode p : products.get("data_products")) {
            assertThat(p.get("descriptor").isObject()).as(p.get("name").asText()).isTrue();
            assertThat(p.get("produced_by").asText()).isNotBlank();
            assertThat(p.get("last_update").asLong()).isPositive();
        }
        JsonNode status = api("/api/status");
        assertThat(status.get("components")).allSatisfy(c ->
                assertThat(c.get("state").asText()).as(c.get("name").asText()).isIn("RUNNING", "REBALANCING"));
        assertThat(status.get("components")).hasSize(4 + Services.KNOWN.size() + 1);
        // per service, the input records the key rule re-routed, by topic (the generators key and partition as Kafka does)
        assertThat(status.get("components")).filteredOn(c -> c.get("kind").asText().equals("service"))
                .hasSize(Services.KNOWN.size()).allSatisfy(c -> assertThat(c.get("rerouted").isObject()).isTrue());
        assertThat(status.get("dead_letters").asLong()).as("nothing the generators send is rejected").isZero();
        JsonNode lineage = api("/api/lineage");
        assertThat(lineage.get("edges").toString()).contains("{\"from\":\"service:inventory-redistribution\",\"to\":\"topic:inventory.redistribution\"}")
                .contains("{\"from\":\"topic:stations.enriched\",\"to\":\"service:inventory-redistribution\"}")
                .contains("{\"from\":\"topic:job_status\",\"to\":\"service:mongo-sink\"}");
    }

    /** Runs {@code ./streammesh ARGS}; returns its exit code and what it printed on stdout. */
    private static Map.Entry<Integer, String> cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        int rc = StreamMeshCli.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true), args);
        return Map.entry(rc, out.toString());
    }

    @Test
    @Order(2)
    void theCliAndScriptsQueryEveryTableAndFollowStreamsThroughThePage() {
        String url = "http://localhost:" + stack.webPort();
        QueryClient client = new QueryClient(URI.create(url));
        List<String> tables = new ArrayList<>();
        client.catalog().get("tables").forEach(t -> tables.add(t.get("name").asText()));
        assertThat(tables).containsExactlyInAnyOrder(Topics.STATIONS_INFO_LATEST.name(), Topics.CUSTOMERS_ENRICHED.name(),
                Topics.INVENTORY_AVAILABILITY_HIGH.name(), Topics.INVENTORY_AVAILABILITY_LOW.name(),
                Topics.INVENTORY_REDISTRIBUTION.name(), Topics.TRUCK_TRACKER.name(), Topics.JOBLOCATION.name());
        for (String table : tables) {
            List<QueryClient.Row> rows = client.scanAll(table, 5);
            assertThat(rows).as(table).isNotEmpty();
            assertThat(client.get(table, rows.get(0).key())).as(table + " " + rows.get(0).key()).isPresent();
        }

        String job = client.scanAll(Topics.TRUCK_TRACKER.name(), 1).get(0).key();
        var table = cli("query", Topics.TRUCK_TRACKER.name(), "--url", url);
        assertThat(table.getKey()).isZero();
        assertThat(table.getValue()).startsWith("KEY").contains("VEHICLE_ID").contains("DISTANCE_FROM_DESTINATION").contains(" rows)");
        var one = cli("query", Topics.TRUCK_TRACKER.name(), job, "--json", "--url", url);
        assertThat(one.getKey()).isZero();
        assertThat(Json.tree(one.getValue().trim()).get("value").get("job_id").asText()).isEqualTo(job);
        assertThat(cli("query", Topics.TRUCK_TRACKER.name(), "no-such-job", "--url", url).getKey()).isEqualTo(1);
        assertThat(cli("query", "no.such.table", "--url", url).getKey()).isEqualTo(2);

        var tail = cli("tail", Topics.JOB_STATUS.name(), "--limit", "3", "--json", "--url", url);
        assertThat(tail.getKey()).isZero();
        List<String> lines = tail.getValue().lines().toList();
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(Json.tree(l).get("topic").asText()).isEqualTo(Topics.JOB_STATUS.name()));
    }

    @Test
    @Order(3)
    void thePageRendersStationsArrowsTrucksAndLineageInHeadlessChromium() throws Exception {
        Optional<String> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no chromium on this machine (.ci/run installs Debian's package)");
        String url = "http://localhost:" + stack.webPort() + "/";
        JsonNode stations = api("/api/stations");
        int lineageNodes = api("/api/lineage").get("nodes").size();

        String dom = Chromium.run(chromium.get(), "--dump-dom", url);
        int stationDots = count(dom, "<circle class=\"station (high|low|normal)\"");
        int arrows = count(dom, "<line class=\"pair\"");
        int trucks = count(dom, "<g class=\"truck( arrived)?\"");
        int nodes = count(dom, "<g class=\"lineage-node ");
        int productRows = count(dom, "<tr class=\"data-product\"");
        System.out.printf("chromium DOM: %d stations, %d arrows, %d trucks, %d lineage nodes, %d data products%n",
                stationDots, arrows, trucks, nodes, productRows);
        assertThat(stationDots).isGreaterThanOrEqualTo(stations.get("stations").size() * 9 / 10).isPositive();
        assertThat(arrows).isPositive();
        assertThat(trucks).isPositive().isLessThanOrEqualTo(6);
        assertThat(nodes).isEqualTo(lineageNodes);
        assertThat(productRows).isEqualTo(CatalogCommandTest.DATA_PRODUCTS.size());

        Files.deleteIfExists(SCREENSHOT);
        Chromium.run(chromium.get(), "--screenshot=" + SCREENSHOT.toAbsolutePath(), "--window-size=1400,1000", url);
        assertThat(SCREENSHOT).exists();
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(20_000);
    }

    @Test
    @Order(4)
    void onceTheProducersStopThePageShowsExactlyWhatTheTopicsHold() {
        stack.stopProducers();
        Map<String, Map<String, String>> tables = new HashMap<>();
        Map<String, Long> records = new HashMap<>();
        Set<String> jobIds = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            // no group: every partition from its beginning, read once whatever the broker's groups do
            List<TopicPartition> partitions = CatalogCommandTest.DATA_PRODUCTS.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    records.merge(r.topic(), 1L, Long::sum);
                    Map<String, String> table = tables.computeIfAbsent(r.topic(), t -> new HashMap<>());
                    if (r.value() == null) {
                        table.remove(r.key());
                    } else {
                        table.put(r.key(), r.value());
                    }
                    if (r.topic().equals(Topics.JOB_STATUS.name())) {
                        jobIds.add(Json.tree(r.value()).get("job_id").asText());
                    }
                }
                // the pairs shown are the compacted inventory.redistribution
                Map<String, JsonNode> shown = new TreeMap<>();
                api("/api/redistribution").get("pairs").forEach(p -> {
                    ObjectNode copy = p.deepCopy();
                    shown.put(copy.remove("key").asText(), copy);
                });
                assertThat(shown).isEqualTo(parsed(tables.get(Topics.INVENTORY_REDISTRIBUTION.name())));
                // every record of every data product counted, no more, no less
                Map<String, Long> shownCounts = new TreeMap<>(productCounts());
                shownCounts.values().removeIf(n -> n == 0);
                assertThat(shownCounts).isEqualTo(new TreeMap<>(records));
                // the surplus and shortage stations drawn are the compacted availability tables
                JsonNode stations = api("/api/stations");
                assertThat(stations.get("high").asInt()).isEqualTo(size(tables, Topics.INVENTORY_AVAILABILITY_HIGH.name()));
                assertThat(stations.get("low").asInt()).isEqualTo(size(tables, Topics.INVENTORY_AVAILABILITY_LOW.name()));
                // the trucks served by truck-tracker's interactive queries are its compacted table
                Map<String, JsonNode> trucks = new TreeMap<>();
                api("/api/trucks").get("trucks").forEach(t -> trucks.put(t.get("job_id").asText(), t));
                Map<String, JsonNode> topicTrucks = parsed(tables.get(Topics.TRUCK_TRACKER.name()));
                assertThat(trucks.keySet()).isEqualTo(topicTrucks.keySet());
                topicTrucks.forEach((job, row) -> {
                    for (String f : List.of("vehicle_id", "state", "distance_from_destination", "eta_seconds", "lat", "long")) {
                        assertThat(trucks.get(job).get(f).asText()).as(job + " " + f).isEqualTo(row.get(f).asText());
                    }
                });
                // every table the query API serves is its compacted topic; the CLI prints the same rows
                QueryClient client = new QueryClient(URI.create("http://localhost:" + stack.webPort()));
                for (String table : List.of(Topics.STATIONS_INFO_LATEST.name(), Topics.CUSTOMERS_ENRICHED.name(),
                        Topics.INVENTORY_AVAILABILITY_HIGH.name(), Topics.INVENTORY_AVAILABILITY_LOW.name(), Topics.TRUCK_TRACKER.name())) {
                    Map<String, JsonNode> served = new TreeMap<>();
                    client.scanAll(table, 100_000).forEach(r -> served.put(r.key(), r.value()));
                    assertThat(served).as(table).isEqualTo(parsed(tables.get(table)));
                }
                var printed = cli("query", Topics.INVENTORY_REDISTRIBUTION.name(), "--json", "--limit", "100000",
                        "--url", "http://localhost:" + stack.webPort());
                Map<String, JsonNode> pairs = new TreeMap<>();
                printed.getValue().lines().map(Json::tree).forEach(row -> pairs.put(row.get("key").asText(), row.get("value")));
                assertThat(pairs).isEqualTo(parsed(tables.get(Topics.INVENTORY_REDISTRIBUTION.name())));
                // MongoDB holds one document per job of job_status
                JsonNode market = api("/api/marketplace");
                assertThat(market.get("mongodb").get("documents").asLong()).isEqualTo(jobIds.size());
                assertThat(market.get("accepted").asLong() + market.get("rejected").asLong())
                        .isEqualTo(records.get(Topics.JOB_STATUS.name()));
            });
        }
        System.out.printf("consistent: %d pairs, %d trucks, %d job_status records (%d jobs in MongoDB), records %s%n",
                size(tables, Topics.INVENTORY_REDISTRIBUTION.name()), size(tables, Topics.TRUCK_TRACKER.name()),
                records.get(Topics.JOB_STATUS.name()), jobIds.size(), new TreeMap<>(records));
    }

    private static int size(Map<String, Map<String, String>> tables, String topic) {
        return tables.getOrDefault(topic, Map.of()).size();
    }

    private static Map<String, JsonNode> parsed(Map<String, String> table) {
        Map<String, JsonNode> result = new TreeMap<>();
        if (table != null) {
            table.forEach((k, v) -> result.put(k, Json.tree(v)));
        }
        return result;
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Debian's headless Chromium, as CI installs it. */
    static final class Chromium {

        static Optional<String> find() {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                    Path p = Path.of(dir, name);
                    if (Files.isExecutable(p)) {
                        return Optional.of(p.toString());
                    }
                }
            }
            return Optional.empty();
        }

        /** Runs chromium headless on the page, lets it poll for 15 s of virtual time, returns what it printed. */
        static String run(String binary, String... args) throws Exception {
            Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-");
            List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=15000"));
            command.addAll(List.of(args));
            Path out = profile.resolve("stdout.txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(profile.resolve("stderr.txt").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within 120 s: " + command);
            }
            assertThat(p.exitValue()).as("chromium exit code; stderr: " + Files.readString(profile.resolve("stderr.txt"))).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        }
    }
}
