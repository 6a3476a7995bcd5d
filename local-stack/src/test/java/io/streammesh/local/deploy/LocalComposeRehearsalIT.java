package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.EmbeddedMongo;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code docker compose up} without Docker: docker-compose.yaml's services run as local processes
 * (each container's entrypoint, command, environment, mounted files, memory limit, health check and
 * depends_on, translated as {@link ComposeRehearsal} documents) against the embedded broker standing
 * for {@code kafka} and the in-process MongoDB standing for {@code mongo}, with Debian's Prometheus
 * standing for {@code prometheus}. The data products must fill, MongoDB must get documents,
 * truck-tracker must answer on its port, Prometheus must scrape every service and see a dead letter,
 * the dashboard and alert rules may only name metrics the services export, and every container must
 * stop within its stop_grace_period.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalComposeRehearsalIT {

    private static final Path WORK = Path.of("target", "compose-rehearsal", "local").toAbsolutePath();
    private static final Duration UP = Duration.ofSeconds(150);
    private static final String BAD_KEY = "compose-rehearsal-malformed";

    private EmbeddedKafkaBroker broker;
    private EmbeddedMongo mongo;
    private ComposeModel model;
    private ComposeRehearsal compose;
    private List<String> apps;
    private final Map<String, String> figures = new TreeMap<>();

    @BeforeAll
    void up() throws Exception {
        DockerfileModel image = RehearsalChecks.imageWithItsJarsBuilt();
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        broker = EmbeddedKafkaBroker.builder().dataDir(WORK.resolve("kafka-data")).start();
        mongo = EmbeddedMongo.start();
        // the shell has no MONGODB_URI: the compose default (mongodb://mongo:27017) applies
        model = ComposeModel.load(Map.of(), Repo.file("docker-compose.yaml"));
        compose = new ComposeRehearsal(model, image, WORK)
                .provide("kafka", "kafka:9092", broker.bootstrapServers())
                .provide("mongo", "mongo:27017", "127.0.0.1:" + mongo.port());
        List<String> services = new ArrayList<>(model.defaultServices());
        services.removeAll(List.of("kafka", "mongo"));
        apps = services.stream().filter(s -> model.healthcheck(s).isPresent() && ComposeRehearsal.STREAMMESH_IMAGE.equals(model.image(s)))
                .toList();
        long start = System.nanoTime();
        compose.up(services, UP);
        figures.put("0 processes started", compose.running().size() + " in " + seconds(System.nanoTime() - start)
                + " (not run: " + compose.notRun() + ")");
    }

    @AfterAll
    void stop() throws Exception {
        RehearsalChecks.closeAll(compose, mongo, broker);
        System.out.println("compose rehearsal figures:");
        figures.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        Files.writeString(WORK.resolveSibling("local-figures.txt"), String.join("\n",
                figures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()) + "\n");
    }

    @Test
    @Order(1)
    void theTopicsJobCompletesAndEveryServiceTurnsHealthyOnItsHealthCheck() throws Exception {
        assertThat(apps).containsExactlyInAnyOrder("station-enrichment", "customer-enrichment", "inventory-redistribution",
                "marketplace-jobs", "truck-tracker", "mongo-sink");
        long deadline = System.nanoTime() + UP.toNanos();
        compose.await("topics", "service_completed_successfully", deadline);
        for (String app : apps) {
            Duration healthy = compose.awaitHealthy(app, deadline);
            figures.put("1 healthy after " + app, String.format("%.1f s", healthy.toMillis() / 1000.0));
        }
        // the ports the compose file publishes are the container port the health check asks, and ranges do not overlap
        Set<Integer> hostPorts = new TreeSet<>();
        for (String app : apps) {
            String published = model.ports(app).get(0);
            Matcher m = Pattern.compile("(\\d+)-(\\d+):(\\d+)").matcher(published);
            assertThat(m.matches()).as(app + " " + published).isTrue();
            assertThat(Integer.parseInt(m.group(3))).as(app).isEqualTo(URI.create(compose.healthUrl(app).orElseThrow()).getPort());
            for (int p = Integer.parseInt(m.group(1)); p <= Integer.parseInt(m.group(2)); p++) {
                assertThat(hostPorts.add(p)).as("%s publishes %d, already published by another service", app, p).isTrue();
            }
        }
        for (String producer : List.of("producers-gbfs", "producers-customers", "producers-marketplace", "producers-trucks")) {
            assertThat(compose.running().get(producer).process().isAlive()).as(producer + ":\n"
                    + ComposeRehearsal.tail(compose.running().get(producer))).isTrue();
        }
    }

    @Test
    @Order(2)
    void everyDataProductFillsMongoDbGetsJobStatusAndTruckTrackerAnswersOnItsPort() {
        long start = System.nanoTime();
        Properties client = new Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
        Map<String, Long> counts = RehearsalChecks.awaitDataProducts(client, Duration.ofSeconds(120));
        assertThat(counts).as("records per data product (0: never written)").allSatisfy((topic, n) -> assertThat(n).as(topic).isPositive());
        figures.put("2 data products all filled after", seconds(System.nanoTime() - start) + " more");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(RehearsalChecks.mongoDocuments(mongo.connectionString(), "marketplace", "job_status")).isPositive());
        // the README's curl: truck-tracker's published port serves its queryable table
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> trucks = RehearsalChecks.get("http://127.0.0.1:" + compose.httpPort("truck-tracker") + "/trucks");
            assertThat(trucks.statusCode()).isEqualTo(200);
            assertThat(Json.tree(trucks.body()).toString()).contains("job_id");
        });
    }

    @Test
    @Order(3)
    void prometheusScrapesEveryServiceSeesADeadLetterAndFiresItsAlert() throws Exception {
        assumeTrue(compose.running().containsKey("prometheus"), "prometheus not run: " + compose.notRun().get("prometheus"));
        int port = compose.httpPort("prometheus");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode up = RehearsalChecks.query(port, "up{job=\"streammesh\"} == 1");
            Set<String> scraped = new TreeSet<>();
            up.forEach(r -> scraped.add(r.get("metric").get("app").asText()));
            assertThat(scraped).containsExactlyInAnyOrderElementsOf(apps);
        });
        JsonNode rules = RehearsalChecks.prometheus(port, "rules");
        List<String> loaded = new ArrayList<>();
        rules.get("groups").forEach(g -> g.get("rules").forEach(r -> {
            assertThat(r.get("health").asText()).as(r.get("name").asText() + ": " + r.path("lastError").asText()).isEqualTo("ok");
            loaded.add(r.get("name").asText());
        }));
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(RehearsalChecks.alertExpressions(
                Files.readString(Repo.file("deploy/observability/prometheus/alerts.yml"))).keySet());

        // one malformed station status: station-enrichment dead-letters it and counts it
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("stations.status", BAD_KEY, "{not json")).get();
        }
        String dropped = "streammesh_records_dropped_total{app=\"station-enrichment\",reason=\"dlq.deserialization\"}";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode result = RehearsalChecks.query(port, dropped);
            assertThat(result).hasSize(1);
            assertThat(result.get(0).get("value").get(1).asText()).isEqualTo("1");
            assertThat(result.get(0).get("metric").get("application_id").asText()).isEqualTo("station-enrichment");
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> firing = new ArrayList<>();
            RehearsalChecks.prometheus(port, "alerts").get("alerts").forEach(a -> firing.add(a.get("labels").get("alertname").asText()
                    + "/" + a.get("labels").path("app").asText() + "/" + a.get("labels").path("reason").asText() + "/" + a.get("state").asText()));
            assertThat(firing).contains("StreammeshDeadLetters/station-enrichment/dlq.deserialization/firing");
        });
    }

    @Test
    @Order(4)
    void theDashboardAndTheAlertRulesNameOnlyMetricsTheServicesExport() throws Exception {
        Set<String> exported = new TreeSet<>(Set.of("up")); // Prometheus's own, per target
        for (String app : apps) {
            HttpResponse<String> scrape = RehearsalChecks.get("http://127.0.0.1:" + compose.httpPort(app) + "/metrics");
            assertThat(scrape.statusCode()).as(app).isEqualTo(200);
            exported.addAll(RehearsalChecks.metricNames(scrape.body()));
        }
        Map<String, Set<String>> used = new LinkedHashMap<>();
        JsonNode dashboard = Json.MAPPER.readTree(Repo.file("deploy/observability/grafana/dashboards/streammesh.json").toFile());
        for (String expr : RehearsalChecks.dashboardExpressions(dashboard)) {
            used.put("dashboard: " + expr, RehearsalChecks.metricsOf(expr));
        }
        RehearsalChecks.alertExpressions(Files.readString(Repo.file("deploy/observability/prometheus/alerts.yml")))
                .forEach((alert, expr) -> used.put("alert " + alert + ": " + expr, RehearsalChecks.metricsOf(expr)));
        used.forEach((where, metrics) -> {
            assertThat(metrics).as(where).isNotEmpty();
            assertThat(exported).as(where).containsAll(metrics);
        });
        figures.put("4 metric names checked", used.values().stream().mapToInt(Set::size).sum() + " uses in "
                + used.size() + " expressions, against " + exported.size() + " exported names");
    }

    @Test
    @Order(5)
    void everyJvmSizedItsHeapFromItsContainerLimitAndStaysBelowIt() {
        for (Map.Entry<String, ComposeRehearsal.Running> e : compose.running().entrySet()) {
            String service = e.getKey();
            if (!e.getValue().process().isAlive() || !ComposeRehearsal.STREAMMESH_IMAGE.equals(model.image(service))) {
                continue;
            }
            long limit = model.memLimit(service).orElseThrow(() -> new AssertionError(service + " has no mem_limit"));
            assertThat(e.getValue().env().get("JAVA_OPTS")).as(service).contains("-XX:MaxRAMPercentage=");
            long rss = ComposeRehearsal.residentBytes(e.getValue().pid()).orElse(0L);
            figures.put("5 resident MiB " + service, (rss >> 20) + " of " + (limit >> 20));
            assertThat(rss).as("%s resident memory vs its mem_limit", service).isLessThan(limit);
        }
    }

    @Test
    @Order(6)
    void everyContainerStopsOnSigtermWithinItsStopGracePeriod() throws Exception {
        for (ComposeRehearsal.Stopped s : compose.down()) {
            figures.put("6 stopped " + s.service(), String.format("%.1f s", Math.max(0, s.took().toMillis()) / 1000.0));
            assertThat(s.withinGrace()).as("%s stopped within its stop_grace_period", s.service()).isTrue();
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
