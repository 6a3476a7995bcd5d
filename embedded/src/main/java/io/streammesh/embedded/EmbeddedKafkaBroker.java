package io.streammesh.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one node), on free
 * localhost ports, with a data directory it owns. No Docker: it runs from the {@code kafka_2.13}
 * artifact, either inside this JVM ({@link #start()}) or as a child JVM ({@link #startProcess()}),
 * which tests that kill and restart the broker need.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final int controllerPort;
    private final Path propertiesFile;
    private KafkaRaftServer server;
    private Process process;

    private EmbeddedKafkaBroker(Path dataDir, boolean deleteOnClose, int brokerPort, int controllerPort, Path propertiesFile) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.propertiesFile = propertiesFile;
    }

    /** Starts a broker in this JVM on free ports with a fresh temporary data directory. */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /** Starts a broker as a child JVM (same classpath) on free ports with a fresh temporary data directory. */
    public static EmbeddedKafkaBroker startProcess() {
        return builder().asProcess(true).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Client properties for this broker. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    public Admin admin() {
        return Admin.create(clientProperties());
    }

    /** Creates topics with {@code partitions} partitions; {@code compacted} ones get cleanup.policy=compact. */
    public void createTopics(int partitions, boolean compacted, String... names) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                NewTopic t = new NewTopic(name, partitions, (short) 1);
                if (compacted) {
                    t.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                }
                topics.add(t);
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topics " + List.of(names) + ": " + e.getMessage(), e);
        }
    }

    public boolean isRunning() {
        return server != null || (process != null && process.isAlive());
    }

    /** Stops the broker (a child process is killed hard, as a crash would), keeping its data. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the broker again on the same ports and data, the way it was started first. */
    public synchronized void restart(boolean asProcess) {
        stop();
        launch(asProcess);
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            Directories.deleteRecursively(dataDir);
        }
    }

    private void launch(boolean asProcess) {
        long started = System.nanoTime();
        if (asProcess) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + dataDir,
                    "-cp", System.getProperty("java.class.path"), "kafka.Kafka", propertiesFile.toString());
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dataDir.resolve("broker.log").toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the Kafka broker process", e);
            }
        } else {
            Properties props = readProperties(propertiesFile);
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
        }
        awaitReady(Duration.ofSeconds(60));
        LOG.info("Kafka broker ready at {} in {} ms ({})", bootstrapServers(),
                (System.nanoTime() - started) / 1_000_000, asProcess ? "child process" : "in-process");
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("The Kafka broker process exited with " + process.exitValue()
                        + "; see " + dataDir.resolve("broker.log"));
            }
            if (!isListening(brokerPort)) {
                sleep(100); // no admin client yet: it would log a warning per refused connection
                continue;
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(200);
        }
        throw new IllegalStateException("The Kafka broker did not become ready within " + timeout.toSeconds() + " s", last);
    }

    /** How to start a broker. */
    public static final class Builder {
        private Path dataDir;
        private boolean asProcess;
        private int port;
        private final Map<String, String> overrides = new java.util.LinkedHashMap<>();

        /** Data directory to use (kept on close); default a fresh temporary one, deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder asProcess(boolean asProcess) {
            this.asProcess = asProcess;
            return this;
        }

        /** The client port; default a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder property(String name, String value) {
            overrides.put(name, value);
            return this;
        }

        public EmbeddedKafkaBroker start() {
            try {
                boolean temporary = dataDir == null;
                Path dir = temporary ? Files.createTempDirectory("kafka-broker-") : Files.createDirectories(dataDir);
                Path props = dir.resolve("server.properties");
                int brokerPort;
                int controllerPort;
                boolean formatted = Files.exists(dir.resolve("logs").resolve("meta.properties"));
                if (formatted && Files.exists(props)) {
                    // resume: same ports as the last run, so clients' stored addresses stay valid
                    Properties existing = readProperties(props);
                    brokerPort = Integer.parseInt(existing.getProperty("streammesh.broker.port"));
                    controllerPort = Integer.parseInt(existing.getProperty("streammesh.controller.port"));
                } else {
                    brokerPort = port > 0 ? port : freePort();
                    controllerPort = freePort();
                    writeServerProperties(props, dir, brokerPort, controllerPort, overrides);
                    format(props);
                }
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, temporary, brokerPort, controllerPort, props);
                broker.launch(asProcess);
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare the Kafka broker's data directory", e);
            }
        }
    }

    private static void writeServerProperties(Path file, Path dir, int brokerPort, int controllerPort,
                                              Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("logs").toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "6");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // small segments and fast cleaning keep a long demo's disk use down and compaction visible
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("streammesh.broker.port", String.valueOf(brokerPort));
        p.put("streammesh.controller.port", String.valueOf(controllerPort));
        p.putAll(overrides);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "single-node KRaft broker written by EmbeddedKafkaBroker");
        }
    }

    private static void format(Path props) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", props.toString(),
                    "--ignore-formatted"}, ps);
        }
        if (rc != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed (" + rc + "): " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private static Properties readProperties(Path file) {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("localhost", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
