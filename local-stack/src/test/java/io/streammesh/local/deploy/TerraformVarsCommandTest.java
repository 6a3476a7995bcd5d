package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Json;
import io.streammesh.local.StreamMeshCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerraformVarsCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheVariablesAndChecksThem() throws Exception {
        Path file = dir.resolve("nested/generated.auto.tfvars.json");

        assertThat(StreamMeshCli.run("terraform-vars", "--output", file.toString())).isZero();
        assertThat(Json.tree(Files.readString(file)).get("topics").has("inventory.redistribution")).isTrue();
        assertThat(StreamMeshCli.run("terraform-vars", "--check", "--output", file.toString())).isZero();

        Files.writeString(file, Files.readString(file).replace("\"compact\"", "\"delete\""));
        assertThat(StreamMeshCli.run("terraform-vars", "--check", "--output", file.toString())).isEqualTo(1);
    }
}
