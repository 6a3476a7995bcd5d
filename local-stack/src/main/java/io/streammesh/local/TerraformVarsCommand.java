package io.streammesh.local;

import io.streammesh.local.deploy.DeploymentModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes {@code terraform/generated.auto.tfvars.json} from the code, so the Confluent Cloud
 * deployment (topics, service accounts, ACLs, schemas, tags, business metadata) cannot drift from
 * what the services actually read and write.
 */
@Command(name = "terraform-vars", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write terraform/" + DeploymentModel.TFVARS_FILE + " from the code: every topic (6 partitions,"
                + " tables compacted), one principal per service and producer with exactly the ACLs its topology needs,"
                + " the data products' JSON schemas, tags and business metadata."})
public final class TerraformVarsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write (default: terraform/" + DeploymentModel.TFVARS_FILE + " of the repository"
                    + " containing the current directory)")
    Path output;

    @Option(names = "--check", description = "Write nothing; exit 1 when the file is not what the code generates")
    boolean check;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path file = output != null ? output : defaultFile();
        DeploymentModel model = DeploymentModel.fromCode();
        String text = model.toTerraformVarsText();
        if (check) {
            boolean same = Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text);
            err.println("terraform-vars: " + file + (same ? " is up to date" : " is out of date: run ./streammesh terraform-vars"));
            return same ? 0 : 1;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        err.println("terraform-vars: wrote " + file + " " + model.summary());
        return 0;
    }

    /** terraform/ of the repository the current directory is in. */
    static Path defaultFile() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("terraform")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d.resolve("terraform").resolve(DeploymentModel.TFVARS_FILE);
            }
        }
        throw new IllegalArgumentException("No terraform/ directory in " + dir + " or above: run from the repository"
                + " or give --output FILE");
    }
}
