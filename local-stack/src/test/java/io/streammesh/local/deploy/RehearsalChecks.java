package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.streammesh.contracts.Json;
import io.streammesh.local.CatalogCommandTest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the compose rehearsals check once the services run: data products, MongoDB, /metrics, Prometheus. */
final class RehearsalChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private RehearsalChecks() {
    }

    /** The Dockerfile's runtime stage, skipping the test (an assumption) while the jars it copies are not built. */
    static DockerfileModel imageWithItsJarsBuilt() throws Exception {
        DockerfileModel image = DockerfileModel.read(Repo.file("Dockerfile"), "runtime");
        List<String> missing = image.files().values().stream().filter(p -> p.toString().endsWith(".jar"))
                .filter(p -> !java.nio.file.Files.isRegularFile(p)).map(Object::toString).toList();
        org.junit.jupiter.api.Assumptions.assumeTrue(missing.isEmpty(), "jars not built (run ./mvnw package): " + missing);
        return image;
    }

    /** Stops the processes first, then what they used; each may be null (a start that failed half way). */
    static void closeAll(AutoCloseable... all) throws Exception {
        for (AutoCloseable c : all) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Reads every data product topic (read_committed) until each has a record; the counts seen. */
    static Map<String, Long> awaitDataProducts(Properties client, Duration timeout) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "compose-rehearsal-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Long> counts = new TreeMap<>();
        CatalogCommandTest.DATA_PRODUCTS.forEach(t -> counts.put(t, 0L));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(CatalogCommandTest.DATA_PRODUCTS);
            while (counts.containsValue(0L) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(r.topic(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    static long mongoDocuments(String uri, String database, String collection) {
        try (MongoClient client = MongoClients.create(uri)) {
            return client.getDatabase(database).getCollection(collection).countDocuments();
        }
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The metric family names of a Prometheus text scrape (counters with their _total, histograms' _count/_sum/_bucket). */
    static Set<String> metricNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "sum", "max", "min", "avg", "count", "rate", "increase", "irate",
            "histogram_quantile", "topk", "bottomk", "abs", "absent", "delta", "deriv", "clamp_min", "clamp_max", "e", "inf", "nan");

    /** The metric names a PromQL expression reads: identifiers that are not functions, keywords or label names. */
    static Set<String> metricsOf(String expr) {
        String stripped = expr
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")   // strings
                .replaceAll("\\{[^}]*}", "")                       // label matchers
                .replaceAll("\\[[^]]*]", "")                       // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
                .replaceAll("\\boffset\\s+\\w+", "");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(stripped);
        while (m.find()) {
            String word = m.group(1);
            boolean call = m.group(2) != null;
            if (!call && !PROMQL_WORDS.contains(word) && !word.matches("\\d.*")) {
                names.add(word);
            }
        }
        return names;
    }

    /** Every "expr" of the Grafana dashboard's panels. */
    static List<String> dashboardExpressions(JsonNode dashboard) {
        List<String> exprs = new java.util.ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                exprs.add(target.get("expr").asText());
            }
        }
        return exprs;
    }

    /** Alert name -> expression, from a rule file. */
    @SuppressWarnings("unchecked")
    static Map<String, String> alertExpressions(String rulesYaml) {
        Map<String, Object> doc = (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(rulesYaml);
        Map<String, String> alerts = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                alerts.put((String) rule.get("alert"), rule.get("expr").toString());
            }
        }
        return alerts;
    }

    /** GET /api/v1/<path> of a Prometheus server; the "data" node of a successful answer. */
    static JsonNode prometheus(int port, String path) {
        HttpResponse<String> r = get("http://127.0.0.1:" + port + "/api/v1/" + path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        JsonNode body = Json.tree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("success");
        return body.get("data");
    }

    static JsonNode query(int port, String promql) {
        return prometheus(port, "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).get("result");
    }
}
