package io.streammesh.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests run in, and the runnable jars its service modules build. */
final class Repo {

    private Repo() {
    }

    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("system-tests")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }

    /** {@code <module>/target/<module>.jar}, what {@code package} builds for every service module. */
    static Path jar(String module) {
        return root().resolve(module).resolve("target").resolve(module + ".jar");
    }

    /** Where the suite writes its tables: {@code system-tests/target}. */
    static Path target() {
        return root().resolve("system-tests").resolve("target");
    }
}
