package io.streammesh.systemtests;

import io.streammesh.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a service as it is deployed: {@code java -jar <module>/target/<module>.jar} in its
 * own process, with its own state directory and HTTP port, logging to a file. {@link #kill()} is a
 * {@code kill -9} (no shutdown hook, no commit, no leave-group); {@link #start()} brings the same
 * instance back on the same state directory, port and {@code group.instance.id}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String module;
    final String instance;
    private final List<String> command;
    private final Path log;
    final int httpPort;
    private Process process;
    private int starts;

    ServiceProcess(String module, int number, EmbeddedKafkaBroker broker, Path workDir, List<String> extraArgs) {
        this.module = module;
        this.instance = module + "-" + number;
        this.httpPort = EmbeddedKafkaBroker.freePort();
        Path dir = workDir.resolve(instance);
        try {
            Files.createDirectories(dir.resolve("state"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = dir.resolve("process.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dir,
                "-jar", Repo.jar(module).toString(),
                "--bootstrap-server", broker.bootstrapServers(),
                "--http-port", Integer.toString(httpPort),
                // static membership: an instance that comes back under its id takes its partitions back
                // without a rebalance (issue 16, item 7); a shorter session than the 45 s default so a
                // member that does not come back is replaced sooner
                "-X", "group.instance.id=" + instance,
                "-X", "session.timeout.ms=" + FaultPlan.SESSION_TIMEOUT_MS,
                "--set", "startup.timeout=60s"));
        if (!module.equals("mongo-sink")) {
            cmd.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        }
        cmd.addAll(extraArgs);
        this.command = List.copyOf(cmd);
    }

    static boolean built(String module) {
        return Files.isRegularFile(Repo.jar(module));
    }

    synchronized ServiceProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(instance + " is already running");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the machine's own KAFKA_ / STREAMMESH_ / MONGODB_URI variables must not change the run
        Map<String, String> env = builder.environment();
        new HashMap<>(env).keySet().stream()
                .filter(k -> k.startsWith("KAFKA_") || k.startsWith("STREAMMESH_") || k.equals("MONGODB_URI"))
                .forEach(env::remove);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + instance, e);
        }
        starts++;
        return this;
    }

    /** {@code kill -9}: {@link Process#destroyForcibly()} is SIGKILL on Linux and macOS. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(instance + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    int starts() {
        return starts;
    }

    /** The HTTP status of {@code path} ({@code /health}, {@code /health/live}), or -1 when nothing answers. */
    int status(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Waits until /health answers 200 (the streams are RUNNING), bounded. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new AssertionError(instance + " exited; its log: " + log + "\n" + tail());
            }
            if (status("/health") == 200) {
                return;
            }
            Sleep.millis(250);
        }
        throw new AssertionError(instance + " not healthy within " + timeout.toSeconds() + " s; its log: " + log + "\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path log() {
        return log;
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return instance;
    }
}
