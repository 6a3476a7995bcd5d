package io.streammesh.local.demo;

import io.streammesh.common.catalog.DataProducts;
import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.EmbeddedMongo;
import io.streammesh.local.Lineage;
import io.streammesh.local.Services;
import io.streammesh.mongosink.MongoSinkService;
import io.streammesh.mongosink.SinkSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole suite in one JVM: a real Kafka broker (or an external cluster), MongoDB (in-process
 * unless a URI is given), every topic of the spec, every Kafka Streams service found on the classpath,
 * the Mongo sink, the producers at demo speed, and the page with its JSON API. {@link #close()} stops
 * them in the reverse order of the data: producers, services, sink, page, MongoDB, broker.
 */
public final class DemoStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoStack.class);
    static final String MONGO_DATABASE = "marketplace";
    static final String MONGO_COLLECTION = "job_status";

    private final DemoOptions options;
    private final PrintStream progress;
    private final Path runDir;
    private EmbeddedKafkaBroker broker;
    private EmbeddedMongo mongo;
    private Map<String, String> kafka;
    private String mongoUri;
    private final Map<String, ServiceRuntime> services = new LinkedHashMap<>();
    private final Map<String, String> serviceFailures = new TreeMap<>();
    private MongoSinkService sink;
    private final DemoProducers producers = new DemoProducers();
    private final List<String> missing = new ArrayList<>();
    private final PageState page = new PageState();
    private TopicWatcher watcher;
    private StackMonitor monitor;
    private MongoStats mongoStats;
    private DemoWebServer web;
    private DemoApi api;
    private Lineage lineage;
    /** Facts for the status (addresses, log file); the command adds to it while the monitor reads it. */
    private final Map<String, Object> info = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean closed;

    private DemoStack(DemoOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
        this.runDir = options.workDir().toAbsolutePath();
    }

    /** Starts everything; on a failure, stops what already runs and rethrows. */
    public static DemoStack start(DemoOptions options, PrintStream progress) {
        DemoStack stack = new DemoStack(options, progress);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        checkPagePort(options.webPort());
        prepareRunDir();
        startKafka();
        createSpecTopics();
        startMongo();
        List<StreamService> toRun = servicesToRun();
        lineage = Lineage.build(toRun);
        startPage();
        for (StreamService s : toRun) {
            startService(s);
        }
        startSink();
        List<String> notBuilt = producers.start(options.generators(), connectionArgs());
        notBuilt.forEach(g -> missing.add("producers " + g));
        for (String known : Services.KNOWN) {
            if (toRun.stream().noneMatch(s -> s.name().equals(known))) {
                missing.add(known);
            }
        }
        if (!missing.isEmpty()) {
            say("not in this build yet (skipped): " + String.join(", ", missing));
        }
        info.put("missing", missing);
    }

    /** Fails before anything starts when the page's port is taken, naming the option that changes it. */
    public static void checkPagePort(int port) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new ConfigException("Port " + port + " of the demo page is in use: choose another with --port PORT (--port 0 picks a free one).");
        }
    }

    private void prepareRunDir() {
        try {
            if (!options.keepData() && Files.exists(runDir)) {
                deleteRecursively(runDir); // a second run starts clean
            }
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + runDir, e);
        }
    }

    private void startKafka() {
        if (options.externalKafka() != null) {
            kafka = new TreeMap<>(options.externalKafka());
            say("Kafka: " + kafka.get("bootstrap.servers") + " (external)");
            info.put("embedded_broker", false);
        } else {
            long t0 = System.nanoTime();
            broker = EmbeddedKafkaBroker.builder().dataDir(runDir.resolve("kafka")).port(options.kafkaPort()).start();
            kafka = new TreeMap<>(Map.of("bootstrap.servers", broker.bootstrapServers()));
            say("Kafka: " + broker.bootstrapServers() + " (embedded KRaft broker, data in " + runDir.resolve("kafka")
                    + ", ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
            info.put("embedded_broker", true);
        }
        info.put("bootstrap_servers", kafka.get("bootstrap.servers"));
    }

    /** Every topic of the spec, 6 partitions, tables compacted; existing topics are left as they are. */
    private void createSpecTopics() {
        try (Admin admin = Admin.create(adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> create = new ArrayList<>();
            for (Topic<?> t : Topics.ALL) {
                if (!existing.contains(t.name())) {
                    NewTopic topic = new NewTopic(t.name(), Optional.of(Topics.PARTITIONS), Optional.empty());
                    if (t.isTable()) {
                        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    create.add(topic);
                }
            }
            if (!create.isEmpty()) {
                admin.createTopics(create).all().get(60, TimeUnit.SECONDS);
            }
            say("Topics: " + Topics.ALL.size() + " of the spec (" + create.size() + " created)");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the spec's topics on " + kafka.get("bootstrap.servers") + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        return props;
    }

    private void startMongo() {
        if (options.mongoUri() != null) {
            mongoUri = options.mongoUri();
            say("MongoDB: " + redactUri(mongoUri) + " (external)");
        } else {
            mongo = EmbeddedMongo.start();
            mongoUri = mongo.connectionString();
            say("MongoDB: " + mongoUri + " (in-process wire-protocol server, in memory)");
        }
        info.put("mongodb_uri", redactUri(mongoUri));
        mongoStats = new MongoStats(mongoUri, MONGO_DATABASE, MONGO_COLLECTION);
    }

    private static String redactUri(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    /** The suite's services in pipeline order; tools and tests may register others, which the demo leaves out. */
    private static List<StreamService> servicesToRun() {
        Map<String, StreamService> available = Services.available();
        List<StreamService> result = new ArrayList<>();
        for (String name : Services.KNOWN) {
            if (available.containsKey(name)) {
                result.add(available.get(name));
            }
        }
        return result;
    }

    private void startPage() {
        watcher = new TopicWatcher(kafka, page).start();
        monitor = new StackMonitor(kafka, page, this::components, info).start();
        api = new DemoApi(page, monitor::status, DataProducts.load(), lineage,
                new TrucksClient(() -> services.containsKey("truck-tracker") ? services.get("truck-tracker").httpPort() : 0),
                mongoStats);
        web = DemoWebServer.start(options.webPort(), api);
        info.put("page_url", "http://localhost:" + web.port() + "/");
        say("Page: http://localhost:" + web.port() + "/  (JSON: /api/data-products, /api/lineage, /api/status ...)");
    }

    private ServiceConfig serviceConfig(String name) {
        Map<String, String> k = new TreeMap<>(kafka);
        k.putIfAbsent("num.stream.threads", "1");
        k.putIfAbsent("commit.interval.ms", String.valueOf(options.commitInterval().toMillis()));
        Map<String, String> settings = new TreeMap<>();
        settings.put("http.port", "0");
        settings.put("state.dir", runDir.resolve("state").resolve(name).toString());
        settings.put("startup.timeout", "60s");
        settings.putAll(options.settings());
        // every service of the demo needs its own port and state, whatever --set says
        settings.put("http.port", "0");
        settings.put("state.dir", runDir.resolve("state").resolve(name).toString());
        return ServiceConfig.of(k, settings);
    }

    private void startService(StreamService service) {
        try {
            ServiceRuntime runtime = ServiceRuntime.start(service, serviceConfig(service.name()));
            services.put(service.name(), runtime);
            say(String.format("Service %-26s http://localhost:%d/health", service.name(), runtime.httpPort()));
        } catch (RuntimeException e) {
            serviceFailures.put(service.name(), e.getMessage());
            LOG.error("{} did not start: {}", service.name(), e.toString(), e);
            say("Service " + service.name() + " did not start: " + e.getMessage());
        }
    }

    /** The sink is a plain consumer service (no topology): started through its own entry point. */
    private void startSink() {
        ServiceConfig config = serviceConfig(SinkSettings.NAME)
                .withSetting(SinkSettings.MONGODB_URI, mongoUri)
                .withSetting(SinkSettings.DATABASE, MONGO_DATABASE)
                .withSetting(SinkSettings.BATCH_MAX_WAIT, "100ms");
        if (mongo != null && options.keepData()) {
            // the in-process MongoDB starts empty: drain job_status again from the start (upserts make that safe)
            resetGroup(SinkSettings.NAME);
        }
        try {
            sink = MongoSinkService.start(config);
            say(String.format("Service %-26s http://localhost:%d/health -> %s %s.%s", SinkSettings.NAME, sink.httpPort(),
                    redactUri(mongoUri), MONGO_DATABASE, MONGO_COLLECTION));
        } catch (RuntimeException e) {
            serviceFailures.put(SinkSettings.NAME, e.getMessage());
            LOG.error("{} did not start: {}", SinkSettings.NAME, e.toString(), e);
            say("Service " + SinkSettings.NAME + " did not start: " + e.getMessage());
        }
    }

    private void resetGroup(String group) {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.info("consumer group {} not reset: {}", group, e.getMessage());
        }
    }

    private List<String> connectionArgs() {
        List<String> args = new ArrayList<>();
        kafka.forEach((k, v) -> {
            args.add("-X");
            args.add(k + "=" + v);
        });
        return args;
    }

    /** Everything that runs, for the status and the page. */
    public Collection<Component> components() {
        List<Component> list = new ArrayList<>();
        for (String p : producers.names()) {
            list.add(new Component("producers " + p, Component.Kind.PRODUCER, null, null, 0, () -> producers.state(p)));
        }
        services.forEach((name, runtime) -> list.add(new Component(name, Component.Kind.SERVICE, runtime.applicationId(),
                Topics.deadLetter(runtime.applicationId()).name(), runtime.httpPort(), () -> runtime.streams().state().name())));
        serviceFailures.forEach((name, why) -> list.add(new Component(name, Component.Kind.SERVICE, null, null, 0, () -> "FAILED")));
        if (sink != null) {
            MongoSinkService s = sink;
            list.add(new Component(SinkSettings.NAME, Component.Kind.SINK, s.settings().groupId(), s.settings().deadLetterTopic(),
                    s.httpPort(), () -> s.sink().state().name()));
        }
        return list;
    }

    /** Stops the producers only, so the topics settle (tests compare the page with the topics then). */
    public void stopProducers() {
        producers.close();
    }

    public int webPort() {
        return web.port();
    }

    public String bootstrapServers() {
        return kafka.get("bootstrap.servers");
    }

    public Map<String, String> kafka() {
        return Map.copyOf(kafka);
    }

    public String mongoUri() {
        return mongoUri;
    }

    /** The running Kafka Streams services, in pipeline order. */
    public Map<String, ServiceRuntime> services() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public Lineage lineage() {
        return lineage;
    }

    /** What this build lacks (services, producers, the sink): the demo runs without them. */
    public List<String> missing() {
        return List.copyOf(missing);
    }

    public Map<String, String> failures() {
        return Map.copyOf(serviceFailures);
    }

    public PageState page() {
        return page;
    }

    public Map<String, Object> info() {
        return info;
    }

    /** What {@code /api/status} answers: topics, components, lag, dead letters, MongoDB documents. */
    public com.fasterxml.jackson.databind.node.ObjectNode status() {
        return api.status();
    }

    private void say(String line) {
        LOG.info(line);
        if (progress != null) {
            progress.println(line);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        quietly("producers", producers::close);
        for (String name : reversed(services.keySet())) {
            quietly(name, () -> {
                // leave the group, so a --keep-data restart does not wait out the old members' session timeout
                services.get(name).streams().close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(20)));
                services.get(name).close(Duration.ofSeconds(5));
            });
        }
        if (sink != null) {
            quietly(SinkSettings.NAME, sink::close);
        }
        quietly("page", () -> {
            if (web != null) {
                web.close();
            }
            if (monitor != null) {
                monitor.close();
            }
            if (watcher != null) {
                watcher.close();
            }
            if (mongoStats != null) {
                mongoStats.close();
            }
        });
        if (mongo != null) {
            quietly("mongodb", mongo::close);
        }
        if (broker != null) {
            quietly("kafka", broker::close);
        }
        if (!options.keepData()) {
            deleteRecursively(runDir);
        }
        LOG.info("demo stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private static List<String> reversed(Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        java.util.Collections.reverse(list);
        return list;
    }

    private interface Step {
        void run() throws Exception;
    }

    private void quietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.warn("stopping {}: {}", what, e.toString());
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}
