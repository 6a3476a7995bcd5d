package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.local.Lineage;
import io.streammesh.local.Services;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * The deployment is derived from the topologies: every topic a topology touches exists with the
 * spec's cleanup policy, and each service may touch exactly those topics (plus its own dead-letter
 * topic and internal-topic prefix), nothing else. Runs over every service on the class path: the
 * suite's services in a reactor build, and the test-only echo service always.
 */
class DeploymentModelTest {

    private final Map<String, StreamService> services = Services.available();
    private final DeploymentModel model = DeploymentModel.of(services.values(), Topics.producers(), Topics.SINKS, Map.of());
    private final JsonNode vars = model.toTerraformVars();

    @Test
    void everyTopicATopologyReadsOrWritesIsATerraformTopicWithTheRightCleanupPolicy() {
        assertThat(services).isNotEmpty();
        for (StreamService service : services.values()) {
            TopologyTopics topics = TopologyTopics.of(service.build(ServiceConfig.empty()));
            for (String topic : topics.all()) {
                JsonNode t = vars.get("topics").get(topic);
                assertThat(t).as("%s touches %s", service.name(), topic).isNotNull();
                String expected = Topics.find(topic).map(s -> s.isTable() ? "compact" : "delete").orElse("delete");
                assertThat(t.get("cleanup_policy").asText()).as(topic).isEqualTo(expected);
                assertThat(t.get("partitions").asInt()).isEqualTo(6);
            }
            assertThat(vars.get("topics").has(service.applicationId() + ".dlq")).as(service.name() + " dead letters").isTrue();
        }
    }

    @Test
    void everySpecTopicIsCreatedWithTheSpecsKind() {
        assertThat(vars.get("topics").get("inventory.redistribution").get("cleanup_policy").asText()).isEqualTo("compact");
        assertThat(vars.get("topics").get("joblocation").get("cleanup_policy").asText()).isEqualTo("compact");
        assertThat(vars.get("topics").get("truck_tracker").get("cleanup_policy").asText()).isEqualTo("compact");
        assertThat(vars.get("topics").get("stations.status").get("cleanup_policy").asText()).isEqualTo("delete");
        assertThat(vars.get("topics").get("job_status").get("cleanup_policy").asText()).isEqualTo("delete");
        for (Topic<?> spec : Topics.ALL) {
            assertThat(vars.get("topics").get(spec.name()).get("cleanup_policy").asText())
                    .as(spec.name()).isEqualTo(spec.isTable() ? "compact" : "delete");
        }
        assertThat(vars.get("topics").get("mongo-sink.dlq").get("cleanup_policy").asText()).isEqualTo("delete");
    }

    @Test
    void eachServicesAclsCoverExactlyWhatItsTopologyTouchesNoMore() {
        for (StreamService service : services.values()) {
            String app = service.applicationId();
            TopologyTopics topics = TopologyTopics.of(service.build(ServiceConfig.empty()));
            Set<Acl> acls = model.aclsOf(service.name());

            Set<String> read = literalTopics(acls, AclOperation.READ);
            Set<String> written = literalTopics(acls, AclOperation.WRITE);
            Set<String> expectedWritten = new TreeSet<>(topics.outputs());
            expectedWritten.add(app + ".dlq");
            assertThat(read).as(service.name() + " reads").isEqualTo(new TreeSet<>(topics.inputs()));
            assertThat(written).as(service.name() + " writes").isEqualTo(expectedWritten);

            Set<String> allTopicResources = new TreeSet<>();
            acls.stream().filter(a -> a.resourceType() == ResourceType.TOPIC)
                    .forEach(a -> allTopicResources.add(a.patternType() + ":" + a.resourceName()));
            Set<String> expectedResources = new TreeSet<>();
            topics.all().forEach(t -> expectedResources.add("LITERAL:" + t));
            expectedResources.add("LITERAL:" + app + ".dlq");
            expectedResources.add("PREFIXED:" + app + "-");
            assertThat(allTopicResources).as(service.name() + " topic resources").isEqualTo(expectedResources);

            assertThat(resources(acls, ResourceType.GROUP)).as(service.name()).containsExactly("LITERAL:" + app);
            assertThat(resources(acls, ResourceType.TRANSACTIONAL_ID)).as(service.name()).containsExactly("PREFIXED:" + app + "-");
            assertThat(resources(acls, ResourceType.CLUSTER)).containsExactly("LITERAL:kafka-cluster");
            assertThat(acls).noneMatch(a -> a.operation() == AclOperation.ALL || a.operation() == AclOperation.ANY
                    || a.resourceName().equals("*") || a.patternType() == PatternType.MATCH);
            assertThat(acls).filteredOn(a -> a.resourceType() == ResourceType.CLUSTER)
                    .extracting(Acl::operation).containsExactly(AclOperation.IDEMPOTENT_WRITE);
        }
    }

    @Test
    void producersWriteExactlyTheirLineageTopicsAndReadNothing() {
        Topics.producers().forEach((generator, topics) -> {
            Set<Acl> acls = model.aclsOf("producers-" + generator);
            Set<String> expected = new TreeSet<>();
            topics.forEach(t -> expected.add(t.name()));
            assertThat(literalTopics(acls, AclOperation.WRITE)).as(generator).isEqualTo(expected);
            assertThat(acls).as(generator).allMatch(a -> a.operation() == AclOperation.WRITE
                    || a.operation() == AclOperation.IDEMPOTENT_WRITE);
            assertThat(resources(acls, ResourceType.GROUP)).isEmpty();
        });
    }

    @Test
    void theSinkReadsItsTopicsInItsOwnGroup() {
        Topics.SINKS.forEach((sink, topics) -> {
            Set<Acl> acls = model.aclsOf(sink);
            Set<String> expected = new TreeSet<>();
            topics.forEach(t -> expected.add(t.name()));
            assertThat(literalTopics(acls, AclOperation.READ)).isEqualTo(expected);
            assertThat(literalTopics(acls, AclOperation.WRITE)).containsExactly(sink + ".dlq");
            assertThat(resources(acls, ResourceType.GROUP)).containsExactly("LITERAL:" + sink);
        });
    }

    @Test
    void everyAclInTheVariablesBelongsToADeclaredPrincipalAndNoTwoShareAKey() {
        Set<String> principals = new HashSet<>();
        vars.get("principals").fieldNames().forEachRemaining(principals::add);
        assertThat(principals).contains("producers-gbfs", "producers-customers", "producers-marketplace", "producers-trucks",
                "mongo-sink");
        services.keySet().forEach(s -> assertThat(principals).contains(s));
        vars.get("acls").forEach(a -> assertThat(principals).contains(a.get("principal").asText()));
        assertThat(vars.get("acls").size()).isEqualTo(model.acls().size());
    }

    @Test
    void theRenderedFileIsStable() {
        String once = model.toTerraformVarsText();
        String twice = DeploymentModel.of(Services.available().values(), Topics.producers(), Topics.SINKS, Map.of())
                .toTerraformVarsText();
        assertThat(twice).isEqualTo(once);
        assertThat(once).endsWith("}\n").contains("\n  \"topics\": {\n");
    }

    private static Set<String> literalTopics(Set<Acl> acls, AclOperation op) {
        Set<String> names = new TreeSet<>();
        acls.stream().filter(a -> a.resourceType() == ResourceType.TOPIC && a.patternType() == PatternType.LITERAL
                && a.operation() == op).forEach(a -> names.add(a.resourceName()));
        return names;
    }

    private static List<String> resources(Set<Acl> acls, ResourceType type) {
        return acls.stream().filter(a -> a.resourceType() == type).map(a -> a.patternType() + ":" + a.resourceName())
                .distinct().sorted().toList();
    }
}
