package io.streammesh.local.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests run in: local-stack's parent directory. */
public final class Repo {

    private Repo() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("local-stack")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("No repository root above " + dir);
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** The runnable jar a module's build produces: {@code <module>/target/<module>.jar}. */
    static Path jar(String module) {
        return root().resolve(module).resolve("target").resolve(module + ".jar");
    }
}
