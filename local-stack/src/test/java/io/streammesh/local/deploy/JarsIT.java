package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.local.Services;
import io.streammesh.producers.ProducersApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every runnable jar as it is deployed ({@code java -jar <module>/target/<module>.jar}, every producers
 * generator, the topics tool): {@code --help} lists its options and environment variables, and a
 * missing {@code --config} file or an unreachable broker stops it at once with one clear line and exit
 * code 2, instead of hanging or a stack trace. The processes run a few at a time.
 */
class JarsIT {

    /** A bound on one process, far above what a check needs (a JVM start plus the 3 s startup timeout). */
    private static final long PROCESS_TIMEOUT_SECONDS = 90;
    private static final String MISSING_CONFIG = "/nonexistent/streammesh/client.properties";

    /** Options a generator cannot start without; nothing listens at this feed address. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "gbfs", List.of("--gbfs-url", "http://127.0.0.1:" + EmbeddedKafkaBroker.freePort() + "/gbfs.json"));

    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

    @TempDir
    static Path tmp;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    /** A process of the suite: its module's jar and the arguments selecting it (a generator, a tool). */
    record Process(String module, List<String> command) {
        @Override
        public String toString() {
            return String.join(" ", concat(List.of(module + ".jar"), command));
        }
    }

    static List<Process> processes() {
        List<Process> all = new ArrayList<>();
        Services.KNOWN.forEach(s -> all.add(new Process(s, List.of())));
        all.add(new Process("mongo-sink", List.of()));
        new CommandLine(new ProducersApp()).getSubcommands().keySet().stream().filter(c -> !c.equals("help")).sorted()
                .forEach(g -> all.add(new Process("producers", concat(List.of(g), REQUIRED.getOrDefault(g, List.of())))));
        all.add(new Process("local-stack", List.of("topics")));
        return all;
    }

    @TestFactory
    List<DynamicTest> everyJarStartsWithHelpAndFailsFastOnBadConfiguration() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Process p : processes()) {
            tests.add(check(p + " --help", p, List.of("--help"), r -> {
                assertThat(r.exitCode()).as(r.output()).isZero();
                assertThat(r.output()).contains("--config").contains("--bootstrap-server").contains("KAFKA_")
                        .contains("STREAMMESH_");
            }));
            tests.add(check(p + " --config <missing file>", p, List.of("--config", MISSING_CONFIG), r -> {
                assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
                assertThat(r.output()).contains("Config file not found: " + MISSING_CONFIG).doesNotContain("\tat ");
            }));
            List<String> unreachable = new ArrayList<>(List.of("--bootstrap-server", "127.0.0.1:" + EmbeddedKafkaBroker.freePort(),
                    "--set", "startup.timeout=3s", "--set", "http.port=0", "--set", "state.dir=" + tmp.resolve("state")));
            if (p.module().equals("mongo-sink")) {
                unreachable.addAll(List.of("--mongodb-uri", "mongodb://127.0.0.1:" + EmbeddedKafkaBroker.freePort()));
            }
            tests.add(check(p + " against an unreachable broker", p, unreachable, r -> {
                assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
                assertThat(r.output()).containsPattern("Cannot (reach|connect to) Kafka at 127\\.0\\.0\\.1:\\d+")
                        .doesNotContain("\tat ");
            }));
        }
        return tests;
    }

    @org.junit.jupiter.api.Test
    void everyServiceJarCarriesRocksDbsNativesForTheSupportedSystems() throws Exception {
        for (String module : Services.KNOWN) {
            Path jar = Repo.jar(module);
            assumeTrue(Files.isRegularFile(jar), module + " is not built");
            List<String> natives = new ArrayList<>();
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                zip.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith("librocksdbjni")).forEach(natives::add);
            }
            // README "Supported systems": Linux x86_64/aarch64 (glibc), macOS x86_64/arm64, Windows x86_64
            org.assertj.core.api.Assertions.assertThat(natives).as(module).contains("librocksdbjni-linux64.so",
                    "librocksdbjni-linux-aarch64.so", "librocksdbjni-osx-x86_64.jnilib", "librocksdbjni-osx-arm64.jnilib",
                    "librocksdbjni-win64.dll").noneMatch(n -> n.contains("musl") || n.contains("ppc64le") || n.contains("s390x"));
        }
    }

    /** Starts the process now (in the pool); the test waits for it and checks the outcome. */
    private static DynamicTest check(String name, Process p, List<String> args, Consumer<Tools.Result> assertions) {
        Path jar = Repo.jar(p.module());
        Future<Tools.Result> result = Files.isRegularFile(jar) ? POOL.submit(() -> run(jar, concat(p.command(), args))) : null;
        return DynamicTest.dynamicTest(name, () -> {
            assumeTrue(result != null, p.module() + " is not built (" + jar + "): run mvn package first");
            Tools.Result r = result.get();
            try {
                assertThat(r.timedOut()).as("still running after %d s:%n%s", PROCESS_TIMEOUT_SECONDS, r.output()).isFalse();
                assertions.accept(r);
            } catch (AssertionError e) {
                // dynamic tests show up by number in the build's reports: say which process failed
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        });
    }

    private static Tools.Result run(Path jar, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        cmd.addAll(args);
        // the machine's own KAFKA_ / STREAMMESH_ / MONGODB_URI variables must not change the outcome
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("KAFKA_") && !k.startsWith("STREAMMESH_") && !k.equals("MONGODB_URI")) {
                env.put(k, v);
            }
        });
        return Tools.run(tmp, env, cmd, PROCESS_TIMEOUT_SECONDS, true);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
