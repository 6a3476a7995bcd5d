package io.streammesh.local.demo;

import io.streammesh.common.catalog.DataProducts;
import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.common.query.StreamChanges;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.Directories;
import io.streammesh.embedded.EmbeddedMongo;
import io.streammesh.local.BrokerCommand;
import io.streammesh.local.Lineage;
import io.streammesh.local.Services;
import io.streammesh.mongosink.MongoSinkService;
import io.streammesh.mongosink.SinkSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
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
    static final String STARTUP_TIMEOUT = "60s";

    private final DemoOptions options;
    private final PrintStream progress;
    private final Path runDir;
    private EmbeddedKafkaBroker broker;
    private EmbeddedMongo mongo;
    private Map<String, String> kafka;
    private String mongoUri;
    /** Written while the page already reads it. */
    private final Map<String, ServiceRuntime> services = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, StreamService> definitions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> serviceFailures = new TreeMap<>();
    private MongoSinkService sink;
    private final DemoProducers producers = new DemoProducers();
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
        List<String> created = BrokerCommand.createSpecTopics(cluster());
        say("Topics: " + Topics.ALL.size() + " of the spec (" + created.size() + " created)");
        startMongo();
        List<StreamService> toRun = Services.pipeline();
        lineage = Lineage.build(toRun);
        startPage();
        for (StreamService s : toRun) {
            definitions.put(s.name(), s);
            startService(s);
        }
        startSink();
        producers.start(options.generators(), connectionArgs());
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
                Directories.deleteRecursively(runDir); // a second run starts clean
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

    /** The cluster every part of the demo connects to, with the demo's start-up timeout. */
    private ServiceConfig cluster() {
        return ServiceConfig.of(kafka, Map.of()).with(Settings.STARTUP_TIMEOUT, STARTUP_TIMEOUT);
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

    private void startPage() {
        watcher = new TopicWatcher(cluster(), page).start();
        monitor = new StackMonitor(cluster(), page, this::components, info).start();
        api = new DemoApi(page, monitor::status, DataProducts.load(), lineage, new DemoTables(t -> tableInstances().get(t)), mongoStats);
        web = DemoWebServer.start(options.webPort(), api, new QueryGateway(this::tableInstances).routes(),
                new StreamChanges(cluster(), Settings.QUERY_STREAM_BUFFER.defaultValue()));
        info.put("page_url", "http://localhost:" + web.port() + "/");
        say("Page: http://localhost:" + web.port() + "/  (JSON: /api/status ...; query API: /v1/catalog, /v1/tables, /v1/streams)");
    }

    /** Each table a running service serves, with the address of its instance: what the page and the gateway query. */
    private Map<String, URI> tableInstances() {
        Map<String, URI> result = new TreeMap<>();
        services.forEach((name, runtime) -> definitions.get(name).tables().forEach(t ->
                result.put(t.name(), URI.create("http://localhost:" + runtime.httpPort()))));
        return result;
    }

    private ServiceConfig serviceConfig(String name) {
        Map<String, String> k = new TreeMap<>(kafka);
        k.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        k.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(options.commitInterval().toMillis()));
        ServiceConfig config = ServiceConfig.of(k, Map.of()).with(Settings.STARTUP_TIMEOUT, STARTUP_TIMEOUT);
        for (Map.Entry<String, String> setting : options.settings().entrySet()) {
            config = config.withSetting(setting.getKey(), setting.getValue());
        }
        // every service of the demo needs its own port and state, whatever --set says
        return config.with(Settings.HTTP_PORT, "0")
                .with(Settings.STATE_DIR, runDir.resolve("state").resolve(name).toString());
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
                .with(SinkSettings.MONGODB_URI, mongoUri)
                .with(SinkSettings.DATABASE, MONGO_DATABASE)
                .with(SinkSettings.BATCH_MAX_WAIT, "100ms");
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
        try (Admin admin = Admin.create(TopicProvisioner.adminProperties(cluster()))) {
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
        for (String name : reversed(List.copyOf(services.keySet()))) {
            // the runtime leaves the group, so a --keep-data restart does not wait out the old members' session timeout
            quietly(name, () -> services.get(name).close(Duration.ofSeconds(20)));
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
            Directories.deleteRecursively(runDir);
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
}
