package io.streammesh.local.deploy;

import io.streammesh.common.config.Settings;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs docker-compose services as local processes, without Docker: each container's entrypoint and
 * command, with its environment (image ENV, env files, environment:), its mounted files, its health
 * check and its depends_on conditions, as Compose would, so that what the compose files say is run,
 * not only parsed.
 *
 * <p>What cannot be the same on one host without containers is translated, and only this (the one
 * mapping, applied to commands, environment values and mounted text files alike):
 * <ul>
 *   <li><b>Images.</b> {@code streammesh:local} runs from ./Dockerfile's runtime stage: its ENTRYPOINT
 *       (docker/entrypoint.sh, through the COPY that installs it), ENV and CMD; image paths are the
 *       repository files the Dockerfile COPYs there ({@code /app/<module>.jar} is
 *       {@code <module>/target/<module>.jar}, what the build stage's Maven build writes).
 *       {@code apache/kafka} and {@code mongo} are replaced by the test's embedded broker and in-process
 *       MongoDB; {@code prom/prometheus} runs as Debian's {@code prometheus} binary with the same
 *       flags; {@code grafana/grafana} is not run (no package; its provisioning is checked statically).</li>
 *   <li><b>Addresses.</b> A container's own port (8080 for every service) becomes a free loopback
 *       port per container: {@code STREAMMESH_HTTP_PORT} is set to it, and {@code localhost:8080} in
 *       its health check and {@code <service>:8080} anywhere else name it. {@code kafka:9092} and
 *       {@code mongo:27017} name the embedded servers. {@code STREAMMESH_HTTP_ADVERTISED_HOST} is
 *       127.0.0.1 (the entrypoint's {@code hostname -i} in a container).</li>
 *   <li><b>Files.</b> Each container gets its own directory: bind-mounted files are copied into it
 *       (with the addresses above), named volumes are empty directories, any other absolute path in
 *       the environment (the state directory) lies under it.</li>
 *   <li><b>Memory.</b> {@code mem_limit} becomes {@code -XX:MaxRAM} (JDK_JAVA_OPTIONS), which is how a
 *       JVM in a container of that limit sizes its heap; the kernel does not enforce it here.</li>
 *   <li><b>Prometheus.</b> {@code dns_sd_configs} names (Compose's DNS) become static targets at the
 *       translated addresses, labelled {@code __meta_dns_name} as the DNS discovery would; scrape and
 *       evaluation intervals are cut to 2 s so the rehearsal ends in time.</li>
 * </ul>
 * Anything else (an env value, an extra rule such as SASL_SSL to SASL_PLAINTEXT) is the caller's,
 * through {@link #replace}.
 */
final class ComposeRehearsal implements AutoCloseable {

    static final String STREAMMESH_IMAGE = "streammesh:local";
    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private final ComposeModel compose;
    private final DockerfileModel image;
    private final Path work;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, String> replacements = new LinkedHashMap<>();
    private final Map<String, Provided> provided = new LinkedHashMap<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Map<String, String> notRun = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A service the test provides itself (the embedded broker for kafka, the in-process MongoDB for mongo). */
    record Provided(String service, String containerAddress, String address) {
    }

    /** A service running as a local process. */
    record Running(String service, Process process, Path log, List<String> command, Map<String, String> env, long startNanos) {
        long pid() {
            return process.pid();
        }
    }

    ComposeRehearsal(ComposeModel compose, DockerfileModel image, Path work) {
        this.compose = compose;
        this.image = image;
        this.work = work;
    }

    /** Replaces a service by something the test runs: {@code kafka:9092} -> the broker's address. */
    ComposeRehearsal provide(String service, String containerAddress, String address) {
        provided.put(service, new Provided(service, containerAddress, address));
        addresses.put(containerAddress, address);
        return this;
    }

    /** One more literal replacement in environment values and mounted files (documented by the caller). */
    ComposeRehearsal replace(String from, String to) {
        replacements.put(from, to);
        return this;
    }

    Map<String, Running> running() {
        return running;
    }

    Map<String, String> notRun() {
        return notRun;
    }

    /** The loopback port that stands for the container port of this service's HTTP endpoint. */
    int httpPort(String service) {
        Integer port = httpPorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException(service + " has no HTTP port");
        }
        return port;
    }

    /** The container port of a service's HTTP endpoint: its health check's, else its first published one. */
    Optional<Integer> containerPort(String service) {
        Optional<String> url = healthUrl(service);
        if (url.isPresent()) {
            return Optional.of(URI.create(url.get()).getPort());
        }
        List<String> ports = compose.ports(service);
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        String p = ports.get(0);
        return Optional.of(Integer.parseInt(p.substring(p.lastIndexOf(':') + 1)));
    }

    /** The URL a {@code ["CMD", "curl", ..., URL]} or {@code wget} health check asks, as written. */
    Optional<String> healthUrl(String service) {
        return compose.healthcheck(service).flatMap(test -> test.stream().filter(a -> a.startsWith("http://")).findFirst());
    }

    /** Starts the services (and what they depend on) in dependency order, honouring every condition. */
    void up(List<String> services, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String s : services) {
            containerPort(s).ifPresent(p -> {
                int port = EmbeddedKafkaBroker.freePort();
                httpPorts.put(s, port);
                addresses.put(s + ":" + p, "127.0.0.1:" + port);
            });
        }
        for (String s : services) {
            startWithDependencies(s, services, deadline);
        }
    }

    private void startWithDependencies(String service, List<String> services, long deadline) throws Exception {
        if (running.containsKey(service) || provided.containsKey(service) || notRun.containsKey(service)) {
            return;
        }
        for (Map.Entry<String, String> dep : compose.dependsOn(service).entrySet()) {
            if (!services.contains(dep.getKey()) && !provided.containsKey(dep.getKey())) {
                throw new IllegalStateException(service + " depends on " + dep.getKey() + ", which is not started");
            }
            startWithDependencies(dep.getKey(), services, deadline);
            await(dep.getKey(), dep.getValue(), deadline);
        }
        start(service);
    }

    /** Waits for a depends_on condition: service_started, service_healthy or service_completed_successfully. */
    void await(String service, String condition, long deadline) throws Exception {
        if (provided.containsKey(service)) {
            return;
        }
        Running r = running.get(service);
        if (r == null) {
            throw new IllegalStateException(service + " was not started (" + notRun.get(service) + ")");
        }
        switch (condition) {
            case "service_started" -> {
            }
            case "service_completed_successfully" -> {
                long left = Math.max(1, deadline - System.nanoTime());
                if (!r.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    throw new AssertionError(service + " did not complete in time:\n" + tail(r));
                }
                if (r.process().exitValue() != 0) {
                    throw new AssertionError(service + " exited " + r.process().exitValue() + ":\n" + tail(r));
                }
            }
            case "service_healthy" -> awaitHealthy(service, deadline);
            default -> throw new IllegalArgumentException("condition " + condition);
        }
    }

    /** Polls the service's health check (its translated URL) until it answers 2xx; fails if the process exits. */
    Duration awaitHealthy(String service, long deadline) throws Exception {
        Running r = running.get(service);
        String url = translatedHealthUrl(service);
        while (true) {
            if (!r.process().isAlive()) {
                throw new AssertionError(service + " exited " + r.process().exitValue() + " before it was healthy:\n" + tail(r));
            }
            if (healthy(url)) {
                return Duration.ofNanos(System.nanoTime() - r.startNanos());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(service + " not healthy (" + url + ") in time:\n" + tail(r));
            }
            Thread.sleep(500);
        }
    }

    String translatedHealthUrl(String service) {
        String url = healthUrl(service).orElseThrow(() -> new IllegalStateException(service + " has no health check"));
        int containerPort = URI.create(url).getPort();
        return url.replace("localhost:" + containerPort, "127.0.0.1:" + httpPort(service));
    }

    private boolean healthy(String url) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() >= 200 && response.statusCode() < 400; // curl -f: fail on >= 400
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void start(String service) throws Exception {
        String img = compose.image(service);
        Path root = Files.createDirectories(work.resolve(service));
        Map<String, Path> fs = new LinkedHashMap<>();
        List<String> argv = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        if (img.equals(STREAMMESH_IMAGE)) {
            fs.putAll(image.files());
            env.putAll(image.env());
            List<String> entrypoint = compose.entrypoint(service).orElse(image.entrypoint());
            List<String> command = compose.command(service).orElse(compose.entrypoint(service).isPresent() ? List.of() : image.cmd());
            argv.addAll(entrypoint);
            argv.addAll(command);
            Path program = image.program(argv.get(0));
            if (program != null) {
                argv.set(0, program.toString());
            }
        } else if (img.startsWith("prom/prometheus:")) {
            Optional<Path> prometheus = Tools.onPath("prometheus");
            if (prometheus.isEmpty()) {
                notRun.put(service, "no prometheus binary on PATH (.ci/run installs Debian's package)");
                return;
            }
            argv.add(prometheus.get().toString());
            argv.addAll(compose.command(service).orElse(List.of()));
            argv.add("--web.listen-address=127.0.0.1:" + httpPort(service));
        } else {
            notRun.put(service, "image " + img + " is not rehearsed");
            return;
        }
        for (ComposeModel.Volume v : compose.volumes(service)) {
            Path target = root.resolve("mounts").resolve(v.target().substring(1));
            if (v.bind()) {
                copyTranslated(compose.projectDir().resolve(v.source()).normalize(), target);
            } else {
                Files.createDirectories(target);
            }
            fs.put(v.target(), target);
        }
        env.putAll(compose.environment(service));
        env.replaceAll((k, v) -> translatePath(translate(v), fs, root));
        for (int i = 1; i < argv.size(); i++) {
            argv.set(i, translateArgument(translate(argv.get(i)), fs, root));
        }
        if (httpPorts.containsKey(service) && img.equals(STREAMMESH_IMAGE)) {
            int containerPort = containerPort(service).orElseThrow();
            String configured = env.getOrDefault("STREAMMESH_HTTP_PORT", defaultHttpPort());
            if (Integer.parseInt(configured) != containerPort) {
                throw new AssertionError(service + " listens on " + configured + " in its container, but its health check"
                        + " and ports name " + containerPort);
            }
            env.put("STREAMMESH_HTTP_PORT", Integer.toString(httpPort(service)));
            env.putIfAbsent("STREAMMESH_HTTP_ADVERTISED_HOST", "127.0.0.1");
        }
        compose.memLimit(service).ifPresent(limit -> env.put("JDK_JAVA_OPTIONS", "-XX:MaxRAM=" + limit));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        env.put("PATH", javaBin + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", Files.createDirectories(root.resolve("home")).toString());

        Path log = work.resolve(service + ".log");
        ProcessBuilder pb = new ProcessBuilder(argv).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        running.put(service, new Running(service, pb.start(), log, List.copyOf(argv), Map.copyOf(env), System.nanoTime()));
    }

    private static String defaultHttpPort() {
        return Settings.HTTP_PORT.defaultText();
    }

    /** Addresses, then the caller's replacements. */
    String translate(String text) {
        String result = text;
        for (Map.Entry<String, String> a : addresses.entrySet()) {
            result = result.replaceAll("(?<![\\w.-])" + Pattern.quote(a.getKey()) + "(?![\\w])", Matcher.quoteReplacement(a.getValue()));
        }
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            result = result.replace(r.getKey(), r.getValue());
        }
        return result;
    }

    /** An absolute container path: the file mounted or copied there, else the same path under the container's directory. */
    private static String translatePath(String value, Map<String, Path> fs, Path root) {
        if (!value.startsWith("/") || value.contains(" ")) {
            return value;
        }
        String best = null;
        for (String prefix : fs.keySet()) {
            if ((value.equals(prefix) || value.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"))
                    && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best != null) {
            return fs.get(best).resolve(value.substring(best.length()).replaceFirst("^/", "")).toString();
        }
        return root.resolve("rootfs").resolve(value.substring(1)).toString();
    }

    /** Command arguments: a path, or --flag=/path. */
    private static String translateArgument(String arg, Map<String, Path> fs, Path root) {
        Matcher m = Pattern.compile("^(--[\\w.-]+=)(/.*)$").matcher(arg);
        if (m.matches()) {
            return m.group(1) + translatePath(m.group(2), fs, root);
        }
        return translatePath(arg, fs, root);
    }

    private void copyTranslated(Path source, Path target) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.toList()) {
                    Path t = target.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(t);
                    } else {
                        copyTranslated(f, t);
                    }
                }
            }
            return;
        }
        if (!Files.isRegularFile(source)) {
            throw new AssertionError("bind mount source " + source + " does not exist");
        }
        Files.createDirectories(target.getParent());
        String text = Files.readString(source, StandardCharsets.UTF_8);
        if (source.getFileName().toString().equals("prometheus.yml")) {
            text = prometheusConfig(text);
        }
        Files.writeString(target, translate(text), StandardCharsets.UTF_8);
    }

    /** dns_sd_configs (Compose's DNS) to static targets labelled as the DNS discovery labels them; 2 s intervals. */
    @SuppressWarnings("unchecked")
    private String prometheusConfig(String text) {
        Map<String, Object> config = (Map<String, Object>) new Yaml(new LoaderOptions()).load(text);
        Map<String, Object> global = (Map<String, Object>) config.computeIfAbsent("global", k -> new LinkedHashMap<>());
        global.put("scrape_interval", "2s");
        global.put("evaluation_interval", "2s");
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            List<Map<String, Object>> dns = (List<Map<String, Object>>) job.remove("dns_sd_configs");
            if (dns == null) {
                continue;
            }
            List<Map<String, Object>> statics = new ArrayList<>();
            for (Map<String, Object> d : dns) {
                for (String name : (List<String>) d.get("names")) {
                    String containerAddress = name + ":" + d.get("port");
                    String address = addresses.get(containerAddress);
                    if (address == null) {
                        throw new AssertionError("prometheus.yml scrapes " + containerAddress + ", which no service listens on");
                    }
                    statics.add(new LinkedHashMap<>(Map.of("targets", List.of(address), "labels", Map.of("__meta_dns_name", name))));
                }
            }
            job.put("static_configs", statics);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        StringWriter out = new StringWriter();
        new Yaml(options).dump(config, out);
        return out.toString();
    }

    /** The last lines of a service's output, for failure messages. */
    static String tail(Running r) {
        try {
            List<String> lines = Files.readAllLines(r.log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Resident memory of a running process, from /proc (Linux), in bytes. */
    static Optional<Long> residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return Optional.empty();
    }

    /** How each service stopped on SIGTERM: the time it took (or null when killed after its grace period) and its exit code. */
    record Stopped(String service, Duration took, boolean withinGrace, int exitCode) {
    }

    /** Stops every process as {@code docker compose down} does: SIGTERM, then SIGKILL after stop_grace_period. */
    List<Stopped> down() throws InterruptedException {
        List<Stopped> stopped = new ArrayList<>();
        List<Running> all = new ArrayList<>(running.values());
        java.util.Collections.reverse(all);
        Map<String, java.util.concurrent.CompletableFuture<Long>> exits = new LinkedHashMap<>();
        long signalled = System.nanoTime();
        for (Running r : all) {
            exits.put(r.service(), r.process().onExit().thenApply(p -> System.nanoTime()));
            if (r.process().isAlive()) {
                r.process().destroy(); // SIGTERM
            }
        }
        for (Running r : all) {
            Duration grace = compose.stopGracePeriod(r.service()).map(ComposeRehearsal::duration).orElse(DEFAULT_STOP_GRACE);
            long left = signalled + grace.toNanos() - System.nanoTime();
            boolean done = r.process().waitFor(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (!done) {
                r.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            long exit = exits.get(r.service()).getNow(System.nanoTime());
            stopped.add(new Stopped(r.service(), Duration.ofNanos(Math.max(0, exit - signalled)), done,
                    r.process().isAlive() ? -1 : r.process().exitValue()));
        }
        running.clear();
        return stopped;
    }

    static Duration duration(String compose) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(compose);
        if (!m.matches()) {
            throw new IllegalArgumentException("duration " + compose);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    @Override
    public void close() throws InterruptedException {
        down();
    }
}
