package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.EmbeddedMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code docker compose -f docker-compose.yaml -f docker-compose.cloud.yaml up} without Docker or
 * Confluent Cloud: a broker that, like Confluent Cloud, authenticates every principal (SASL/PLAIN) and
 * allows it only its ACLs, with the topics and ACLs generated.auto.tfvars.json gives Terraform; each
 * service reads the env file Terraform's outputs.tf template renders for it (its API key being its
 * principal name here), and MONGODB_URI names the in-process MongoDB as a user's Atlas address would.
 * Besides {@link ComposeRehearsal}'s translation, one rule: SASL_SSL is SASL_PLAINTEXT (no TLS on
 * loopback). The local broker and MongoDB must not start (profile local), no properties file is read,
 * no topic is created by a service, and the data products must fill.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudComposeRehearsalIT {

    private static final Path WORK = Path.of("target", "compose-rehearsal", "cloud").toAbsolutePath();
    private static final Duration UP = Duration.ofSeconds(150);

    private EmbeddedKafkaBroker broker;
    private EmbeddedMongo mongo;
    private ComposeModel model;
    private ComposeRehearsal compose;
    private JsonNode tfvars;

    @BeforeAll
    void up() throws Exception {
        DockerfileModel image = RehearsalChecks.imageWithItsJarsBuilt();
        LocalComposeRehearsalIT.deleteRecursively(WORK);
        tfvars = Json.MAPPER.readTree(Repo.file("terraform/" + DeploymentModel.TFVARS_FILE).toFile());

        Map<String, String> users = new java.util.LinkedHashMap<>();
        tfvars.get("principals").fieldNames().forEachRemaining(p -> users.put(p, secret(p)));
        AuthorizingBroker authorizing = AuthorizingBroker.start(users, WORK.resolve("broker"));
        broker = authorizing.broker();
        int saslPort = authorizing.saslPort();
        // what terraform apply creates: every topic and ACL of generated.auto.tfvars.json
        try (Admin admin = broker.admin()) {
            List<NewTopic> topics = new ArrayList<>();
            tfvars.get("topics").fields().forEachRemaining(t -> topics.add(new NewTopic(t.getKey(), t.getValue().get("partitions").asInt(), (short) 1)
                    .configs(Map.of("cleanup.policy", t.getValue().get("cleanup_policy").asText()))));
            admin.createTopics(topics).all().get();
            List<AclBinding> acls = new ArrayList<>();
            tfvars.get("acls").forEach(a -> acls.add(new AclBinding(
                    new ResourcePattern(ResourceType.valueOf(a.get("resource_type").asText()), a.get("resource_name").asText(),
                            PatternType.valueOf(a.get("pattern_type").asText())),
                    new AccessControlEntry("User:" + a.get("principal").asText(), "*",
                            AclOperation.valueOf(a.get("operation").asText()), AclPermissionType.ALLOW))));
            admin.createAcls(acls).all().get();
        }
        mongo = EmbeddedMongo.start();

        // the project as a user has it after terraform apply: the compose files, what they mount, the env files
        Path project = Files.createDirectories(WORK.resolve("project"));
        for (String file : List.of("docker-compose.yaml", "docker-compose.cloud.yaml", "docker/local.properties",
                "deploy/observability/prometheus/prometheus.yml", "deploy/observability/prometheus/alerts.yml")) {
            Files.createDirectories(project.resolve(file).getParent());
            Files.copy(Repo.file(file), project.resolve(file));
        }
        String outputs = Files.readString(Repo.file("terraform/outputs.tf"));
        Path envDir = Files.createDirectories(project.resolve("terraform/client-properties"));
        for (var it = tfvars.get("principals").fields(); it.hasNext(); ) {
            var p = it.next();
            String name = p.getKey();
            Files.writeString(envDir.resolve(name + ".env"), TerraformTemplates.render(outputs, "client_env", Map.of(
                    "local.name", "streammesh-rehearsal",
                    "name", name,
                    "principal.kind", p.getValue().get("kind").asText(),
                    "confluent_service_account.app[name].id", "sa-" + name,
                    "local.bootstrap_servers", "localhost:" + saslPort,
                    "confluent_api_key.app[name].id", name,
                    "confluent_api_key.app[name].secret", secret(name))));
        }

        model = ComposeModel.load(Map.of("MONGODB_URI", mongo.connectionString()),
                project.resolve("docker-compose.yaml"), project.resolve("docker-compose.cloud.yaml"));
        compose = new ComposeRehearsal(model, image, WORK).replace("SASL_SSL", "SASL_PLAINTEXT");
        compose.up(model.defaultServices(), UP);
    }

    private static String secret(String principal) {
        return principal + "-rehearsal-secret";
    }

    @AfterAll
    void stop() throws Exception {
        RehearsalChecks.closeAll(compose, mongo, broker);
    }

    @Test
    @Order(1)
    void onlyTheSuiteStartsEachWithItsOwnEnvFileAndNoPropertiesFile() {
        assertThat(model.defaultServices()).doesNotContain("kafka", "mongo");
        List<String> principals = new ArrayList<>();
        tfvars.get("principals").fieldNames().forEachRemaining(principals::add);
        for (String name : principals) {
            ComposeRehearsal.Running r = compose.running().get(name);
            assertThat(r).as(name).isNotNull();
            assertThat(r.env().get("KAFKA_SASL_JAAS_CONFIG")).as(name).contains("username='" + name + "'");
            assertThat(r.env().get("KAFKA_SECURITY_PROTOCOL")).as(name).isEqualTo("SASL_PLAINTEXT");
            assertThat(r.env().get("STREAMMESH_CREATE_TOPICS")).as(name).isEqualTo("false");
            assertThat(r.env().get("STREAMMESH_CONFIG")).as(name).isEmpty();
        }
    }

    @Test
    @Order(2)
    void everyServiceTurnsHealthyAsItsOwnPrincipalAndTheDataProductsFill() throws Exception {
        long deadline = System.nanoTime() + UP.toNanos();
        compose.await("topics", "service_completed_successfully", deadline);
        for (String app : compose.running().keySet()) {
            if (model.healthcheck(app).isPresent() && ComposeRehearsal.STREAMMESH_IMAGE.equals(model.image(app))) {
                compose.awaitHealthy(app, deadline);
            }
        }
        Properties admin = new Properties();
        admin.put("bootstrap.servers", broker.bootstrapServers());
        Map<String, Long> counts = RehearsalChecks.awaitDataProducts(admin, Duration.ofSeconds(120));
        assertThat(counts).allSatisfy((topic, n) -> assertThat(n).as(topic).isPositive());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(RehearsalChecks.mongoDocuments(mongo.connectionString(), "marketplace", "job_status")).isPositive());
        // nobody created a topic beyond Terraform's, but for the Streams services' own internal ones
        List<String> applicationIds = new ArrayList<>();
        tfvars.get("principals").forEach(p -> applicationIds.add(p.get("application_id").asText()));
        try (Admin a = broker.admin()) {
            List<String> extra = new ArrayList<>(a.listTopics().names().get());
            tfvars.get("topics").fieldNames().forEachRemaining(extra::remove);
            extra.removeIf(t -> (t.endsWith("-changelog") || t.endsWith("-repartition"))
                    && applicationIds.stream().anyMatch(id -> t.startsWith(id + "-")));
            assertThat(extra).as("topics Terraform does not create").isEmpty();
        }
    }

    @Test
    @Order(3)
    void everyContainerStopsWithinItsStopGracePeriod() throws Exception {
        for (ComposeRehearsal.Stopped s : compose.down()) {
            assertThat(s.withinGrace()).as(s.service()).isTrue();
        }
    }
}
