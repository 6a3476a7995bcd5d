package io.streammesh.local.deploy;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One deployed jar running as its own process ({@code java -jar}), its stdout and stderr in a file,
 * without the machine's KAFKA_ / STREAMMESH_ variables (they must not change the outcome), and its
 * HTTP port to ask. The port is the one it says it serves on: started with {@code http.port=0}, it
 * picks a free one itself, where a port chosen by the test beforehand may be taken by the time it binds.
 */
final class JarProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final Pattern portLine;
    private volatile int httpPort;

    private JarProcess(String name, Process process, Path log, Pattern portLine) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.portLine = portLine;
    }

    /** What the services, the sink and the producers log once their HTTP port is open. */
    static final Pattern SERVES_ON = Pattern.compile("http://localhost:(\\d+)/");

    /**
     * Starts {@code java -jar jar args} in {@code workDir}; {@code portLine}: the line it prints with its
     * HTTP port (group 1), null when no HTTP port is asked.
     */
    static JarProcess start(String name, Path jar, List<String> args, Path workDir, Pattern portLine) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(args);
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name.replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("STREAMMESH_") || k.equals("MONGODB_URI"));
        return new JarProcess(name, pb.start(), log, portLine);
    }

    String name() {
        return name;
    }

    /** Everything it printed so far (stdout and stderr). */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Its exit code once it ended within {@code timeout}; empty while it still runs. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** GET on its HTTP port: status and body, or empty while nothing answers (or it has not said its port yet). */
    Optional<HttpResponse<String>> get(String path) {
        if (httpPort == 0 && portLine != null) {
            Matcher m = portLine.matcher(output());
            if (m.find()) {
                httpPort = Integer.parseInt(m.group(1));
            }
        }
        if (httpPort == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Stops it as an orchestrator does (SIGTERM, so shutdown lines are logged too), then forcibly after 20 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
