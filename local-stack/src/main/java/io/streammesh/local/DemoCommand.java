package io.streammesh.local;

import io.streammesh.common.config.ConnectionOptions;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.local.demo.DemoLogging;
import io.streammesh.local.demo.DemoOptions;
import io.streammesh.local.demo.DemoStack;
import io.streammesh.local.demo.LiveStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./streammesh demo}: the whole suite locally, with a live page, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Run the whole suite locally: a real Kafka broker (KRaft, in this JVM, no Docker), an in-process"
                + " MongoDB, every topic of the spec, every producer at demo speed, every service and the Mongo sink, and a live"
                + " page of the data products. Ctrl-C stops everything; a second run starts clean unless --keep-data."
                + " --bootstrap-server or --config use an external Kafka instead of the embedded broker, MONGODB_URI"
                + " (or --mongodb-uri) a real MongoDB, and --set NAME=VALUE passes a setting to every service.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the page (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--keep-data", description = "Resume the previous run's data (broker, service state) instead of starting clean")
    boolean keepData;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".streammesh/demo",
            description = "Where the demo keeps broker data and service state (default ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the embedded broker (default: any free port)")
    int kafkaPort;

    @Option(names = "--mongodb-uri", paramLabel = "URI", defaultValue = "${env:MONGODB_URI}",
            description = "A real MongoDB (env MONGODB_URI); default: an in-process MongoDB wire-protocol server")
    String mongoUri;

    @Option(names = "--stations", paramLabel = "N", defaultValue = "150", description = "Stations of the simulated bike-share system (default ${DEFAULT-VALUE})")
    int stations;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "60", description = "Simulated bike-share time per real time (default ${DEFAULT-VALUE}x)")
    int speed;

    @Option(names = "--gbfs-url", paramLabel = "URL",
            description = "Read a real bike-share system from its GBFS auto-discovery file (e.g. https://gbfs.citibikenyc.com/gbfs/2.3/gbfs.json)"
                    + " instead of simulating one; the page shows each feed file's health")
    String gbfsUrl;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "300", description = "Customers (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--jobs-per-second", paramLabel = "RATE", defaultValue = "2", description = "New marketplace jobs per second (default ${DEFAULT-VALUE})")
    double jobsPerSecond;

    @Option(names = "--trucks", paramLabel = "N", defaultValue = "12", description = "Trucks driving to jobs (default ${DEFAULT-VALUE})")
    int trucks;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Where the logs go (default: .streammesh/logs/demo-<time>.log)")
    Path logFile;

    @Option(names = "--plain", description = "Print a status line every 15 s instead of redrawing the status in place")
    boolean plain;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Override
    public Integer call() throws Exception {
        DemoStack.checkPagePort(port);
        Path log = logFile != null ? logFile
                : Path.of(".streammesh", "logs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log");
        createParent(log);
        DemoLogging.toFile(log);
        System.out.println("streammesh demo: logs go to " + log.toAbsolutePath());

        ServiceConfig external = null;
        if (connection.configFile() != null || hasBootstrap()) {
            external = connection.loader().load();
        }
        Map<String, String> settings = external != null ? external.settings() : connection.loader().requireBootstrap(false).load().settings();
        DemoOptions options = new DemoOptions(workDir, keepData, external == null ? null : external.kafka(),
                mongoUri == null || mongoUri.isBlank() ? null : mongoUri, port, kafkaPort,
                DemoOptions.generators(gbfsUrl, stations, speed, customers, jobsPerSecond, trucks), Duration.ofMillis(200), settings);

        CountDownLatch stopped = new CountDownLatch(1);
        DemoStack stack = DemoStack.start(options, System.out);
        stack.info().put("log_file", log.toAbsolutePath().toString());
        LiveStatus status = new LiveStatus(stack::status, System.out, !plain && System.console() != null).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            status.close();
            System.out.println();
            System.out.println("streammesh demo: stopping (producers, services, sink, page, MongoDB, broker) ...");
            stack.close();
            System.out.println("streammesh demo: stopped." + (keepData ? " Data kept in " + workDir.toAbsolutePath() : ""));
            stopped.countDown();
        }, "demo-shutdown"));
        System.out.println();
        System.out.println("Open http://localhost:" + stack.webPort() + "/   Ctrl-C stops everything.");
        System.out.println();
        stopped.await();
        return 0;
    }

    private boolean hasBootstrap() {
        try {
            return connection.loader().requireBootstrap(false).load().bootstrapServers() != null;
        } catch (RuntimeException e) {
            return true; // let the real load report what is wrong
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
