package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** terraform/ is driven by the generated variables, and the committed ones are what the code generates. */
class TerraformFilesTest {

    private static final Path TERRAFORM = Repo.file("terraform");
    private static final Path GENERATED = TERRAFORM.resolve(DeploymentModel.TFVARS_FILE);

    @Test
    void theCommittedGeneratedVariablesAreWhatTheCodeGenerates() throws Exception {
        String expected = DeploymentModel.fromCode().toTerraformVarsText();
        String committed = Files.isRegularFile(GENERATED) ? Files.readString(GENERATED, StandardCharsets.UTF_8) : "";

        assertThat(committed)
                .as("terraform/%s is out of date: run ./streammesh terraform-vars and commit it", DeploymentModel.TFVARS_FILE)
                .isEqualTo(expected);
    }

    @Test
    void everyGeneratedVariableIsDeclaredAndEveryDeclaredGeneratedVariableIsGenerated() throws Exception {
        JsonNode generated = Json.MAPPER.readTree(GENERATED.toFile());
        Set<String> keys = new TreeSet<>();
        generated.fieldNames().forEachRemaining(keys::add);
        String variables = Files.readString(TERRAFORM.resolve("variables.tf"));
        Set<String> declared = new TreeSet<>();
        Matcher m = Pattern.compile("variable \"(\\w+)\"").matcher(variables.substring(variables.indexOf("Generated from the code")));
        while (m.find()) {
            declared.add(m.group(1));
        }

        assertThat(declared).isEqualTo(keys);
    }

    @Test
    void resourcesAreDrivenByTheGeneratedVariables() throws Exception {
        String all = terraformSources();
        for (String driven : List.of("for_each = var.topics", "for_each = var.principals", "for_each = var.acls",
                "for_each = var.schemas", "for_each = var.tags", "for_each = var.business_metadata",
                "for_each = local.tag_bindings", "for_each = local.business_metadata_bindings")) {
            assertThat(all).contains(driven);
        }
        // no topic, principal or ACL is spelled out by hand (variables.tf only names MongoDB's collection)
        String resources = all.replace(Files.readString(TERRAFORM.resolve("variables.tf")), "");
        for (String name : List.of("stations.enriched", "inventory.redistribution", "job_status", "truck_tracker",
                "station-enrichment", "producers-gbfs")) {
            assertThat(resources).doesNotContain("\"" + name + "\"");
        }
    }

    @Test
    void terraformFmtCheckPasses() throws Exception {
        Path terraform = Tools.onPath("terraform").orElse(null);
        assumeTrue(terraform != null, "no terraform binary on PATH: terraform fmt -check not run");
        Tools.Result result = Tools.run(TERRAFORM, Map.of("TF_IN_AUTOMATION", "1", "CHECKPOINT_DISABLE", "1"),
                List.of(terraform.toString(), "fmt", "-check", "-recursive", "-diff"), 120);

        assertThat(result.exitCode()).as("terraform fmt -check:\n%s", result.output()).isZero();
    }

    private static String terraformSources() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(TERRAFORM)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                sb.append(Files.readString(f)).append('\n');
            }
        }
        return sb.toString();
    }
}
