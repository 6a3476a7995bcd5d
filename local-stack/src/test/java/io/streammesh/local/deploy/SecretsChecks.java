package io.streammesh.local.deploy;

import static io.streammesh.local.deploy.AclsIT.MARKER;
import static io.streammesh.local.deploy.AclsIT.jaas;
import static io.streammesh.local.deploy.AclsIT.login;
import static io.streammesh.local.deploy.AclsIT.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.EmbeddedMongo;
import io.streammesh.local.Services;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.assertj.core.api.SoftAssertions;

/**
 * AclsIT's checks on the deployed jars over SASL_SSL, where every password holds {@link AclsIT#MARKER}:
 * the marker must appear in no line a process prints, in no answer of its HTTP port (health, metrics,
 * query API, the demo page's API), and in no error message, and a client that does not trust the
 * broker's CA must stop at once saying which settings to set.
 */
final class SecretsChecks {

    /** The demo runs everything in one process, so its principal may do everything (a super user's ACLs). */
    static final String DEMO = "demo";

    /** A bound on a jar reaching ready or exiting; far above what it needs on a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(180);

    private SecretsChecks() {
    }

    static List<AclBinding> demoAcls() {
        List<AclBinding> acls = new ArrayList<>();
        for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
            acls.add(allow(new ResourcePattern(type, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL)));
        }
        acls.add(allow(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL)));
        return acls;
    }

    private static AclBinding allow(ResourcePattern pattern) {
        return new AclBinding(pattern, new AccessControlEntry("User:" + DEMO, "*", AclOperation.ALL, AclPermissionType.ALLOW));
    }

    /** A jar under test, what to ask it once it is ready, and the topics it writes (a producer's). */
    private record Run(JarProcess process, List<String> paths, Set<String> writes) {
    }

    /**
     * Every service, the sink and every generator of the producers jar, all at once, each as its own
     * principal over SASL_SSL with the truststore properties: each must become ready (a producer: write
     * its topics), and then neither its output nor its HTTP answers may hold the marker.
     */
    static void everyJarOverSaslSsl(Path dir, DeploymentModel model, Admin admin) throws Exception {
        long begin = System.nanoTime();
        Files.createDirectories(dir);
        List<Run> runs = new ArrayList<>();
        HttpServer feed = gbfsFeed();
        try (EmbeddedMongo mongo = EmbeddedMongo.start()) {
            for (String service : Services.KNOWN) {
                Map<String, String> kafka = new TreeMap<>(login(service));
                kafka.put("num.stream.threads", "1");
                kafka.put("commit.interval.ms", "200");
                Path props = properties(dir, service, kafka, Map.of("http.port", "0",
                        "state.dir", dir.resolve("state-" + service).toString(), "create.topics", "false"));
                runs.add(new Run(start(dir, service, service, List.of("--config", props.toString()), JarProcess.SERVES_ON),
                        List.of("/health", "/health/live", "/health/ready", "/metrics", "/v1/catalog", "/v1/tables",
                                "/v1/tables/no-such-table/1"), Set.of()));
            }
            // the check can fail: the password the scans look for is in what every process is given
            assertThat(Files.readString(dir.resolve(Services.KNOWN.get(0) + ".properties"))).contains(MARKER);
            Path sinkProps = properties(dir, "mongo-sink", login("mongo-sink"), Map.of("http.port", "0",
                    "create.topics", "false"));
            runs.add(new Run(start(dir, "mongo-sink", "mongo-sink", List.of("--config", sinkProps.toString(),
                    "--mongodb-uri", mongo.connectionString()), JarProcess.SERVES_ON), List.of("/health", "/health/live", "/health/ready", "/metrics"),
                    Set.of()));
            Map<String, List<String>> generators = new LinkedHashMap<>();
            generators.put("gbfs-sim", List.of("--stations", "20", "--tick", "1s", "--speed", "60"));
            generators.put("gbfs", List.of("--gbfs-url", "http://127.0.0.1:" + feed.getAddress().getPort() + "/gbfs.json", "--once"));
            generators.put("customers", List.of("--customers", "20", "--every", "200ms"));
            generators.put("marketplace", List.of("--rate", "5", "--max-order-delay", "2s"));
            generators.put("trucks", List.of("--trucks", "3", "--tick", "200ms"));
            Map<String, Long> before = endOffsets(admin, model.topics().keySet());
            generators.forEach((generator, options) -> {
                // the simulator and the real feed write the same topics, so they log in as the same principal
                String principal = "producers-" + (generator.equals("gbfs-sim") ? "gbfs" : generator);
                assumeTrue(model.principals().stream().anyMatch(p -> p.name().equals(principal)), principal + " is not in the deployment model");
                try {
                    Path props = properties(dir, principal, login(principal), Map.of("http.port", "0"));
                    List<String> args = new ArrayList<>(List.of(generator));
                    args.addAll(options);
                    args.addAll(List.of("--config", props.toString()));
                    runs.add(new Run(start(dir, principal, "producers", args, JarProcess.SERVES_ON), List.of("/health", "/metrics"),
                            model.principal(principal).writes()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });

            SoftAssertions softly = new SoftAssertions();
            ExecutorService askers = Executors.newCachedThreadPool();
            try {
                // the answers are collected beside the polling, so a slow answer of one jar does not delay the others' readiness
                Map<Run, Future<Map<String, HttpResponse<String>>>> collecting = new LinkedHashMap<>();
                long t0 = System.nanoTime();
                System.out.printf("AclsIT: %d jars started in %d ms%n", runs.size(), (t0 - begin) / 1_000_000);
                long deadline = t0 + BOUND.toNanos();
                while (collecting.size() < runs.size() && System.nanoTime() < deadline) {
                    Map<String, Long> now = endOffsets(admin, model.topics().keySet());
                    for (Run run : runs) {
                        if (!collecting.containsKey(run) && ready(run, before, now)) {
                            System.out.printf("AclsIT: %s ready over SASL_SSL after %d ms%n", run.process().name(),
                                    (System.nanoTime() - t0) / 1_000_000);
                            collecting.put(run, askers.submit(() -> {
                                Map<String, HttpResponse<String>> bodies = new LinkedHashMap<>();
                                for (String p : run.paths()) {
                                    long asked = System.nanoTime();
                                    run.process().get(p).ifPresent(r -> bodies.put(p, r));
                                    long ms = (System.nanoTime() - asked) / 1_000_000;
                                    if (ms > 1000) {
                                        System.out.printf("AclsIT: %s %s answered in %d ms%n", run.process().name(), p, ms);
                                    }
                                }
                                return bodies;
                            }));
                        }
                    }
                    Thread.sleep(300);
                }
                Map<Run, Map<String, HttpResponse<String>>> answers = new LinkedHashMap<>();
                for (Map.Entry<Run, Future<Map<String, HttpResponse<String>>>> e : collecting.entrySet()) {
                    answers.put(e.getKey(), e.getValue().get());
                }
                System.out.printf("AclsIT: every answer collected after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                for (Run run : runs) {
                    String name = run.process().name();
                    softly.assertThat(answers).as("%s ready over SASL_SSL within %d s; it printed:%n%s", name, BOUND.toSeconds(),
                            tail(run.process().output())).containsKey(run);
                    answers.getOrDefault(run, Map.of()).forEach((path, response) -> {
                        softly.assertThat(response.body()).as("%s %s", name, path).isNotEmpty().doesNotContain(MARKER);
                        response.headers().map().forEach((header, values) ->
                                softly.assertThat(values.toString()).as("%s %s header %s", name, path, header).doesNotContain(MARKER));
                    });
                    if (answers.containsKey(run) && run.paths().contains("/health/live")) {
                        softly.assertThat(answers.get(run).get("/health/live").statusCode()).as(name + " /health/live").isEqualTo(200);
                        softly.assertThat(answers.get(run).get("/metrics").statusCode()).as(name + " /metrics").isEqualTo(200);
                    }
                }
            } finally {
                askers.shutdownNow();
                long t0 = System.nanoTime();
                stopAll(runs);
                System.out.printf("AclsIT: every jar stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            }
            for (Run run : runs) {
                String output = run.process().output();
                softly.assertThat(output).as("what %s printed", run.process().name()).isNotBlank().doesNotContain(MARKER);
            }
            softly.assertAll();
        } finally {
            feed.stop(0);
        }
    }

    /**
     * Refused connections stop a jar within its startup timeout with exit code 2 and one clear line,
     * naming no secret: a broker certificate from a CA it does not trust (it must say which setting to
     * set), a wrong password, a broken sasl.jaas.config, and a principal without ACLs.
     */
    static void refusals(Path dir) throws Exception {
        Files.createDirectories(dir);
        String service = Services.KNOWN.get(0);
        record Refusal(String name, String module, List<String> args, Map<String, String> kafka, String says) {
        }
        Map<String, String> untrusted = new TreeMap<>(login(service));
        untrusted.keySet().removeIf(k -> k.startsWith("ssl.truststore."));
        Map<String, String> untrustedProducer = new TreeMap<>(login("producers-customers"));
        untrustedProducer.keySet().removeIf(k -> k.startsWith("ssl.truststore."));
        Map<String, String> untrustedSink = new TreeMap<>(login("mongo-sink"));
        untrustedSink.keySet().removeIf(k -> k.startsWith("ssl.truststore."));
        Map<String, String> wrongPassword = new TreeMap<>(login(service));
        wrongPassword.put("sasl.jaas.config", jaas(service, secret(service) + "-wrong"));
        Map<String, String> brokenJaas = new TreeMap<>(login(service));
        brokenJaas.put("sasl.jaas.config", jaas(service, secret(service)).replace(";", ""));
        String mongoUri = "mongodb://127.0.0.1:" + EmbeddedKafkaBroker.freePort();
        List<Refusal> refusals = List.of(
                new Refusal(service + " without the truststore", service, List.of(), untrusted, "ssl.truststore.location"),
                new Refusal("producers customers without the truststore", "producers", List.of("customers"), untrustedProducer,
                        "ssl.truststore.location"),
                new Refusal("mongo-sink without the truststore", "mongo-sink", List.of("--mongodb-uri", mongoUri), untrustedSink,
                        "ssl.truststore.location"),
                new Refusal(service + " with a wrong password", service, List.of(), wrongPassword, "Authentication failed"),
                new Refusal(service + " with a broken sasl.jaas.config", service, List.of(), brokenJaas, "sasl.jaas.config"),
                new Refusal(service + " as a principal without ACLs", service, List.of(), login("nobody"), "do not exist"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Map<Refusal, Future<JarProcessResult>> results = new LinkedHashMap<>();
            for (Refusal r : refusals) {
                Path props = properties(dir, r.name(), r.kafka(), Map.of("http.port", "0", "startup.timeout", "20s",
                        "state.dir", dir.resolve("state").toString(), "create.topics", "false"));
                List<String> args = new ArrayList<>(r.args());
                args.addAll(List.of("--config", props.toString()));
                results.put(r, pool.submit(() -> {
                    try (JarProcess p = start(dir, r.name(), r.module(), args, null)) {
                        long t0 = System.nanoTime();
                        Optional<Integer> exit = p.awaitExit(BOUND);
                        System.out.printf("AclsIT: %s ended in %d ms%n", r.name(), (System.nanoTime() - t0) / 1_000_000);
                        return new JarProcessResult(exit, p.output());
                    }
                }));
            }
            SoftAssertions softly = new SoftAssertions();
            for (Map.Entry<Refusal, Future<JarProcessResult>> e : results.entrySet()) {
                Refusal r = e.getKey();
                JarProcessResult result = e.getValue().get();
                softly.assertThat(result.exitCode()).as("%s: exit code within %d s; it printed:%n%s", r.name(), BOUND.toSeconds(),
                        tail(result.output())).contains(2);
                softly.assertThat(result.output()).as(r.name()).doesNotContain(MARKER);
                // the process's own last word is the clear line (Kafka's client logs its handshake failure above it)
                softly.assertThat(lastLine(result.output())).as("%s: the last line it printed", r.name()).contains(r.says())
                        .doesNotContain("Exception");
            }
            softly.assertAll();
        } finally {
            pool.shutdownNow();
        }
    }

    private record JarProcessResult(Optional<Integer> exitCode, String output) {
    }

    /**
     * The demo on the same broker ({@code --config}, as with any external cluster): its page's API and
     * the query gateway answer, and neither they nor its console and log file hold the marker.
     */
    static void demo(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path props = properties(dir, DEMO, login(DEMO), Map.of());
        Path log = dir.resolve("demo-file.log");
        List<String> paths = List.of("/api/status", "/api/data-products", "/api/lineage", "/api/stations", "/api/redistribution",
                "/api/marketplace", "/api/trucks", "/api/feeds", "/v1/catalog", "/v1/tables/truck_tracker?limit=5",
                "/v1/tables/stations.info.latest?limit=5", "/health", "/metrics");
        SoftAssertions softly = new SoftAssertions();
        // the topics tool of the same jar, as Terraform's stand-in runs it against a cluster
        try (JarProcess topics = start(dir, "topics", "local-stack", List.of("topics", "--check", "--config", props.toString()), null)) {
            Optional<Integer> exit = topics.awaitExit(BOUND);
            softly.assertThat(exit).as("topics --check over SASL_SSL; it printed:%n%s", tail(topics.output())).contains(0);
            softly.assertThat(topics.output()).as("what topics --check printed").isNotBlank().doesNotContain(MARKER);
        }
        try (JarProcess demo = start(dir, DEMO, "local-stack", List.of("demo", "--config", props.toString(), "--port",
                "0", "--plain", "--work-dir", dir.resolve("work").toString(), "--log-file", log.toString(),
                "--stations", "20", "--customers", "20", "--trucks", "3"), Pattern.compile("Open http://localhost:(\\d+)/"))) {
            long deadline = System.nanoTime() + BOUND.toNanos();
            // every path answers 200 once the services are up and their groups settled (503 while one rebalances)
            while (System.nanoTime() < deadline && demo.isAlive()
                    && !paths.stream().allMatch(p -> demo.get(p).map(r -> r.statusCode() == 200).orElse(false))) {
                Thread.sleep(500);
            }
            for (String path : paths) {
                Optional<HttpResponse<String>> answer = demo.get(path);
                softly.assertThat(answer).as("the demo answers %s; it printed:%n%s", path, tail(demo.output())).isPresent();
                answer.ifPresent(r -> {
                    softly.assertThat(r.statusCode()).as(path).isEqualTo(200);
                    softly.assertThat(r.body()).as(path).doesNotContain(MARKER);
                });
            }
            demo.stop();
            softly.assertThat(demo.output()).as("the demo's console").isNotBlank().doesNotContain(MARKER);
        }
        softly.assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("the demo's log file").isNotBlank().doesNotContain(MARKER);
        softly.assertAll();
    }

    private static boolean ready(Run run, Map<String, Long> before, Map<String, Long> now) {
        if (!run.writes().isEmpty()) {
            // a producer is working once a topic of its own has grown (gbfs --once exits after that)
            return run.writes().stream().anyMatch(t -> now.getOrDefault(t, 0L) > before.getOrDefault(t, 0L));
        }
        return run.process().get("/health/ready").map(r -> r.statusCode() == 200).orElse(false);
    }

    private static Map<String, Long> endOffsets(Admin admin, Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<String, Long> result = new TreeMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> result.merge(tp.topic(), info.offset(), Long::sum));
        return result;
    }

    private static JarProcess start(Path dir, String name, String module, List<String> args, Pattern portLine) throws IOException {
        Path jar = Repo.jar(module);
        assumeTrue(Files.isRegularFile(jar), module + " is not built (" + jar + "): run mvn package first");
        return JarProcess.start(name, jar, args, dir, portLine);
    }

    private static void stopAll(List<Run> runs) throws InterruptedException {
        // SIGTERM to all first, so they shut down side by side
        List<Thread> stops = new ArrayList<>();
        for (Run run : runs) {
            Thread t = new Thread(() -> {
                try {
                    run.process().stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            stops.add(t);
        }
        for (Thread t : stops) {
            t.join(Duration.ofSeconds(40).toMillis());
        }
    }

    /** A client.properties as the Confluent Cloud console gives it, plus the suite's settings ({@code streammesh.*}). */
    private static Path properties(Path dir, String name, Map<String, String> kafka, Map<String, String> settings) throws IOException {
        Properties props = new Properties();
        props.putAll(kafka);
        settings.forEach((k, v) -> props.put("streammesh." + k, v));
        Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9.-]", "_") + ".properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(w, null);
        }
        return file;
    }

    /** The GBFS test feed of the producers module, served on loopback with its feed URLs pointing here. */
    private static HttpServer gbfsFeed() throws IOException {
        Path files = Repo.file("producers/src/test/resources/gbfs/v2.3");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1).replace("/", "");
            Path file = files.resolve(name.endsWith(".json") ? name : name + ".json");
            byte[] body = Files.isRegularFile(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).replace("https://test.com/", base).getBytes(StandardCharsets.UTF_8)
                    : "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(Files.isRegularFile(file) ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : "..." + output.substring(output.length() - 4000);
    }
}
