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
                "for_each = var.schemas", "for_each = var.tags",
                "for_each = local.business_metadata_enabled ? var.business_metadata : {}",
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
    void namesGetARandomSuffixSoASecondCopyInTheOrganizationDoesNotCollide() throws Exception {
        String all = terraformSources();
        assertThat(all).contains("resource \"random_id\" \"suffix\"")
                .contains("name = \"${var.name_prefix}-${random_id.suffix.hex}\"");
        // every display name goes through local.name; only variables.tf and the suffix itself read the prefix
        String withoutDeclarations = all.replace(Files.readString(TERRAFORM.resolve("variables.tf")), "");
        assertThat(Pattern.compile("var\\.name_prefix").matcher(withoutDeclarations).results().count()).isEqualTo(2);
        assertThat(all).doesNotContain("display_name = var.name_prefix");
    }

    @Test
    void businessMetadataAndItsBindingsOnlyWithTheAdvancedPackageAndBindingsWaitForTopicsAndSchemas() throws Exception {
        String governance = Files.readString(TERRAFORM.resolve("governance.tf"));
        assertThat(Files.readString(TERRAFORM.resolve("main.tf")))
                .contains("business_metadata_enabled = var.stream_governance_package == \"ADVANCED\"");
        assertThat(governance).contains("business_metadata_bindings = !local.business_metadata_enabled ? {} : merge(")
                .contains("for_each = local.business_metadata_enabled ? var.business_metadata : {}");
        for (String binding : List.of("confluent_tag_binding", "confluent_business_metadata_binding")) {
            String block = governance.substring(governance.indexOf("resource \"" + binding + "\""));
            block = block.substring(0, block.indexOf("\n}\n") + 2);
            assertThat(block).as(binding).contains("depends_on = [confluent_kafka_topic.all, confluent_schema.value");
        }
    }

    @Test
    void theLockFilePinsEveryRequiredProviderWithTheSameConstraints() throws Exception {
        String versions = Files.readString(TERRAFORM.resolve("versions.tf"));
        String lock = Files.readString(TERRAFORM.resolve(".terraform.lock.hcl"));
        Matcher required = Pattern.compile("source\\s*=\\s*\"([^\"]+)\"\\s*\\n\\s*version\\s*=\\s*\"([^\"]+)\"").matcher(versions);
        Set<String> sources = new TreeSet<>();
        while (required.find()) {
            sources.add(required.group(1));
            Matcher locked = Pattern.compile("provider \"registry\\.terraform\\.io/" + Pattern.quote(required.group(1))
                    + "\" \\{\\s*\\n\\s*version\\s*=\\s*\"(\\d+)\\.(\\d+)\\.(\\d+)\"\\s*\\n\\s*constraints\\s*=\\s*\"([^\"]+)\"").matcher(lock);
            assertThat(locked.find()).as("%s is locked", required.group(1)).isTrue();
            assertThat(locked.group(4)).as(required.group(1)).isEqualTo(required.group(2));
            assertThat(satisfies(locked.group(1) + "." + locked.group(2) + "." + locked.group(3), required.group(2)))
                    .as("%s %s.%s.%s within %s", required.group(1), locked.group(1), locked.group(2), locked.group(3), required.group(2))
                    .isTrue();
        }
        assertThat(sources).containsExactly("confluentinc/confluent", "hashicorp/local", "hashicorp/random");
        assertThat(Pattern.compile("(?m)^provider ").matcher(lock).results().count()).isEqualTo(sources.size());
    }

    /** ">= a.b.c, < x.y.z" constraints only, as versions.tf writes them. */
    private static boolean satisfies(String version, String constraints) {
        for (String c : constraints.split(",")) {
            String[] parts = c.trim().split("\\s+");
            int cmp = compare(version, parts[1]);
            boolean ok = switch (parts[0]) {
                case ">=" -> cmp >= 0;
                case "<" -> cmp < 0;
                default -> throw new IllegalArgumentException("constraint " + c);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int d = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    @Test
    void applyWritesAPropertiesFileAndAnEnvFileForEveryPrincipalWithTheSameSettings() throws Exception {
        String outputs = Files.readString(TERRAFORM.resolve("outputs.tf"));
        assertThat(outputs).contains("filename        = \"${path.module}/${var.client_properties_dir}/${each.key}.env\"")
                .contains("filename        = \"${path.module}/${var.client_properties_dir}/${each.key}.properties\"");
        Map<String, String> env = TerraformTemplates.envFile(outputs, Map.of());
        Map<String, String> properties = TerraformTemplates.propertiesFile(outputs, Map.of());
        assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
                "KAFKA_SASL_JAAS_CONFIG", "STREAMMESH_CREATE_TOPICS");
        assertThat(env.get("STREAMMESH_CREATE_TOPICS")).isEqualTo("false");
        // the same settings, named as ConfigLoader maps KAFKA_<NAME> and STREAMMESH_<NAME>
        Map<String, String> fromEnv = new java.util.TreeMap<>();
        env.forEach((k, v) -> fromEnv.put(k.startsWith("KAFKA_")
                ? k.substring(6).toLowerCase(java.util.Locale.ROOT).replace('_', '.')
                : "streammesh." + k.substring(11).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), v));
        assertThat(fromEnv).isEqualTo(new java.util.TreeMap<>(properties));
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
