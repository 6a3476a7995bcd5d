package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streammesh.contracts.Topics;
import io.streammesh.local.Services;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yaml runs every producer and service from the one image, and the cloud override
 * gives each of them exactly the client.properties Terraform writes for its principal.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Repo.file("docker-compose.yaml");
    private static final Path CLOUD = Repo.file("docker-compose.cloud.yaml");
    private static final String HEALTH = "http://localhost:8080/health/ready";

    /** Compose service (= Terraform principal) name -> the module whose jar it runs. */
    private static Map<String, String> expectedApps() {
        Map<String, String> apps = new LinkedHashMap<>();
        Topics.producers().keySet().forEach(g -> apps.put("producers-" + g, "producers"));
        Services.KNOWN.forEach(s -> apps.put(s, s));
        Topics.SINKS.keySet().forEach(s -> apps.put(s, s));
        return apps;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws Exception {
        // SnakeYAML resolves the file's anchors and merge keys (<<) as Compose does
        try (Reader r = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml(new LoaderOptions()).load(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services(Path file) throws Exception {
        return (Map<String, Object>) load(file).get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> services, String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> service) {
        return (List<String>) service.get("command");
    }

    @Test
    void listsTheBrokerMongoAndEveryProducerAndService() throws Exception {
        Map<String, Object> services = services(COMPOSE);
        List<String> expected = new ArrayList<>(List.of("kafka", "mongo", "topics", "prometheus", "grafana"));
        expected.addAll(expectedApps().keySet());

        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat((String) service(services, "kafka").get("image")).startsWith("apache/kafka:");
        assertThat(service(services, "kafka").get("environment").toString()).contains("KAFKA_PROCESS_ROLES=broker,controller");
        assertThat((String) service(services, "mongo").get("image")).startsWith("mongo:");
    }

    @Test
    void eachProcessRunsItsModulesJarFromTheOneImage() throws Exception {
        Map<String, Object> services = services(COMPOSE);
        String dockerfile = Files.readString(Repo.file("Dockerfile"));
        String rootPom = Files.readString(Repo.file("pom.xml"));
        Map<String, String> apps = new LinkedHashMap<>(expectedApps());
        apps.put("topics", "local-stack");

        apps.forEach((name, module) -> {
            Map<String, Object> s = service(services, name);
            assertThat(s.get("image")).as(name).isEqualTo("streammesh:local");
            assertThat(s.get("restart")).as(name + " restart policy").isIn("unless-stopped", "on-failure", "always");
            assertThat(command(s).get(0)).as(name).isEqualTo("/app/" + module + ".jar");
            assertThat(rootPom).as(module).contains("<module>" + module + "</module>");
            assertThat(Repo.file(module + "/pom.xml")).as(module).content().contains("<main.class>io.streammesh.");
            assertThat(dockerfile).as("Dockerfile copies " + module)
                    .contains("COPY --from=build /src/" + module + "/target/" + module + ".jar /app/" + module + ".jar");
        });
    }

    @Test
    void everyProducerRunsAGeneratorTheProducersJarHas() throws Exception {
        Map<String, Object> services = services(COMPOSE);
        for (String generator : Topics.producers().keySet()) {
            List<String> command = command(service(services, "producers-" + generator));
            assertThat(command).hasSizeGreaterThan(1);
            assertThat(producerSubcommands()).as("producers-" + generator).contains(command.get(1));
        }
    }

    @Test
    void everyComposedJarIsBuilt() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String module : new java.util.TreeSet<>(expectedApps().values())) {
            if (!Files.isRegularFile(Repo.jar(module))) {
                missing.add(module);
            }
        }
        assumeTrue(missing.isEmpty(), "not built yet (run mvn package): " + missing);
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesHaveHealthChecksAndRoomForSixInstances() throws Exception {
        Map<String, Object> services = services(COMPOSE);
        List<String> withHealth = new ArrayList<>(Services.KNOWN);
        withHealth.addAll(Topics.SINKS.keySet());
        for (String name : withHealth) {
            Map<String, Object> s = service(services, name);
            Map<String, Object> health = (Map<String, Object>) s.get("healthcheck");
            assertThat(health).as(name).isNotNull();
            assertThat((List<String>) health.get("test")).as(name).contains(HEALTH);
            List<String> ports = (List<String>) s.get("ports");
            Matcher m = Pattern.compile("(\\d+)-(\\d+):8080").matcher(ports.get(0));
            assertThat(m.matches()).as(name + " publishes a port range").isTrue();
            assertThat(Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1)) + 1).as(name).isEqualTo(6);
        }
        Topics.producers().keySet().forEach(g -> assertThat(service(services, "producers-" + g)).doesNotContainKey("ports"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaAndMongoKeepTheirDataInNamedVolumes() throws Exception {
        Map<String, Object> compose = load(COMPOSE);
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat((List<String>) service(services, "kafka").get("volumes")).contains("kafka-data:/var/lib/kafka/data");
        assertThat(service(services, "kafka").get("environment").toString()).contains("KAFKA_LOG_DIRS=/var/lib/kafka/data");
        assertThat((List<String>) service(services, "mongo").get("volumes")).contains("mongo-data:/data/db");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKeys("kafka-data", "mongo-data");
        assertThat(service(services, "kafka").get("healthcheck")).isNotNull();
        assertThat(service(services, "mongo").get("healthcheck")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCloudOverrideGivesEachPrincipalItsOwnTerraformClientPropertiesAndNoLocalBroker() throws Exception {
        Map<String, Object> cloud = services(CLOUD);
        assertThat((List<String>) service(cloud, "kafka").get("profiles")).containsExactly("local");
        assertThat((List<String>) service(cloud, "mongo").get("profiles")).containsExactly("local");

        for (String name : expectedApps().keySet()) {
            Map<String, Object> s = service(cloud, name);
            assertThat(s).as(name).isNotNull();
            // an env file Compose reads as its user, not a 0600 file mounted for the container's uid 10001
            assertThat((List<String>) s.get("env_file")).as(name).containsExactly("./terraform/client-properties/" + name + ".env");
            assertThat(s).as(name).doesNotContainKey("volumes");
            assertThat(s.get("environment").toString()).as(name).contains("STREAMMESH_CONFIG=");
        }
        // the names Terraform writes client properties for are the compose services
        DeploymentModel model = DeploymentModel.of(List.of(), Topics.producers(), Topics.SINKS, Map.of());
        model.principals().forEach(p -> assertThat(cloud).containsKey(p.name()));
        assertThat(Files.readString(Repo.file("terraform/outputs.tf")))
                .contains("${path.module}/${var.client_properties_dir}/${each.key}.properties")
                .contains("${path.module}/${var.client_properties_dir}/${each.key}.env")
                .contains("streammesh.create.topics=false");
        assertThat(Files.readString(Repo.file("terraform/variables.tf"))).contains("default     = \"client-properties\"");
    }

    @Test
    void theImageIsMultiStageAndRunsAsANonRootUser() throws Exception {
        String dockerfile = Files.readString(Repo.file("Dockerfile"));
        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).isEqualTo(2);
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jdk\\S* AS build$")
                .containsPattern("(?m)^FROM eclipse-temurin:17-jre\\S* AS runtime$")
                .containsPattern("(?m)^USER 10001:10001$")
                .contains("./mvnw -B -q -DskipTests package");
        assertThat(Repo.file("docker/entrypoint.sh")).isExecutable();
        assertThat(Files.readString(Repo.file(".dockerignore"))).contains("**/target/");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyContainerHasAMemoryLimitItsHeapFitsAndAStopGraceBeyondKafkaStreamsClose() throws Exception {
        Map<String, Object> services = services(COMPOSE);
        for (Map.Entry<String, Object> e : services.entrySet()) {
            Map<String, Object> s = (Map<String, Object>) e.getValue();
            assertThat(s.get("mem_limit")).as(e.getKey() + " mem_limit").isNotNull();
            if ("streammesh:local".equals(s.get("image"))) {
                String javaOpts = ((Map<String, Object>) s.get("environment")).get("JAVA_OPTS").toString();
                Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(javaOpts);
                assertThat(percent.find()).as(e.getKey() + " JAVA_OPTS " + javaOpts).isTrue();
                assertThat(Integer.parseInt(percent.group(1))).as(e.getKey() + ": room beside the heap for RocksDB").isLessThanOrEqualTo(50);
                // Kafka Streams' close waits up to 30 s (ServiceRuntime.close)
                assertThat(ComposeRehearsal.duration((String) s.get("stop_grace_period"))).as(e.getKey())
                        .isGreaterThan(java.time.Duration.ofSeconds(30));
            }
        }
        for (String name : Services.KNOWN) {
            assertThat(ComposeModel.bytes(service(services, name).get("mem_limit").toString())).as(name).isEqualTo(1L << 30);
        }
    }

    @Test
    void dockerComposeValidatesBothFiles(@org.junit.jupiter.api.io.TempDir Path project) throws Exception {
        Path dockerCompose = Tools.onPath("docker-compose").orElse(null);
        assumeTrue(dockerCompose != null, "no docker-compose binary on PATH (.ci/run installs Debian's docker-compose)");
        Map<String, String> env = Map.of("MONGODB_URI", "mongodb+srv://user:secret@cluster0.example.mongodb.net");
        // a copy of the project with the env files terraform apply would write (Compose refuses missing ones)
        for (String file : List.of("docker-compose.yaml", "docker-compose.cloud.yaml", "Dockerfile", "docker/local.properties")) {
            Files.createDirectories(project.resolve(file).getParent());
            Files.copy(Repo.file(file), project.resolve(file));
        }
        Path envDir = Files.createDirectories(project.resolve("terraform/client-properties"));
        String outputs = Files.readString(Repo.file("terraform/outputs.tf"));
        for (String name : expectedApps().keySet()) {
            Files.writeString(envDir.resolve(name + ".env"), TerraformTemplates.render(outputs, "client_env", Map.of()));
        }

        Tools.Result local = Tools.run(project, env,
                List.of(dockerCompose.toString(), "-f", "docker-compose.yaml", "config", "-q"), 120);
        assertThat(local.exitCode()).as("docker-compose config -q:\n%s", local.output()).isZero();

        Tools.Result cloud = Tools.run(project, env, List.of(dockerCompose.toString(), "-f", "docker-compose.yaml",
                "-f", "docker-compose.cloud.yaml", "config", "-q"), 120);
        assertThat(cloud.exitCode()).as("docker-compose config -q (cloud):\n%s", cloud.output()).isZero();
    }

    /** The generator names the producers jar registers, read from its sources (always current). */
    private static List<String> producerSubcommands() throws Exception {
        List<String> names = new ArrayList<>();
        Pattern command = Pattern.compile("@Command\\(name = \"([a-z-]+)\"");
        String app = Files.readString(Repo.file("producers/src/main/java/io/streammesh/producers/ProducersApp.java"));
        try (var files = Files.walk(Repo.file("producers/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith("Command.java")).toList()) {
                Matcher m = command.matcher(Files.readString(f));
                String className = f.getFileName().toString().replace(".java", "");
                if (m.find() && app.contains(className + ".class")) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
