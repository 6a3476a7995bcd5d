package io.streammesh.local.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** External command-line tools the deployment tests use when this machine has them. */
final class Tools {

    private Tools() {
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    record Result(int exitCode, String output, boolean timedOut) {
    }

    /** Runs a command to completion (bounded, so a hang fails the test instead of the build). */
    static Result run(Path workDir, Map<String, String> env, List<String> command, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(workDir, env, command, timeoutSeconds, false);
    }

    /** With {@code onlyEnv}, the process sees exactly {@code env} instead of this JVM's environment plus it. */
    static Result run(Path workDir, Map<String, String> env, List<String> command, long timeoutSeconds, boolean onlyEnv)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        if (onlyEnv) {
            pb.environment().clear();
        }
        pb.environment().putAll(env);
        Path log = Files.createTempFile("tool", ".log");
        pb.redirectOutput(log.toFile());
        Process process = pb.start();
        boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(done ? process.exitValue() : -1, output, !done);
    }
}
