package io.streammesh.local.deploy;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.local.Lineage;
import io.streammesh.local.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a deployment needs to know about the suite, taken from the code: every topic of the
 * spec and every dead-letter topic, every process with what it reads and writes (Kafka Streams
 * services from their own {@code Topology.describe()}, producers and the sink from {@link Lineage}),
 * their ACLs, and the data products' schemas, tags and business metadata from their descriptors.
 * {@link #toTerraformVars()} is what {@code terraform/} is driven by.
 */
public record DeploymentModel(SortedMap<String, Topic<?>> topics, List<Principal> principals, SortedSet<Acl> acls,
                              Map<String, DataProductMetadata> dataProducts) {

    /** The file terraform/ reads its generated variables from. */
    public static final String TFVARS_FILE = "generated.auto.tfvars.json";

    static final String GENERATED_BY = "./streammesh terraform-vars (io.streammesh.local.TerraformVarsCommand)"
            + " from the topologies, Lineage and the data-product descriptors; do not edit, regenerate";

    static final Map<String, String> TAG_DESCRIPTIONS = Map.of(
            "DataProduct", "A topic published as a data product: owned, described, with a schema and an SLA");

    public static DeploymentModel fromCode() {
        return of(Services.pipeline(), Topics.producers(), Topics.SINKS, DataProductMetadata.load(classLoader()));
    }

    public static DeploymentModel of(Collection<StreamService> services, Map<String, List<Topic<?>>> producers,
                                     Map<String, List<Topic<?>>> sinks, Map<String, DataProductMetadata> dataProducts) {
        List<Principal> principals = new ArrayList<>();
        producers.forEach((generator, topics) -> principals.add(Principal.producer(generator, topics)));
        services.forEach(s -> principals.add(Principal.streams(s)));
        sinks.forEach((sink, topics) -> principals.add(Principal.sink(sink, topics)));

        SortedMap<String, Topic<?>> topics = new TreeMap<>();
        Topics.ALL.forEach(t -> topics.put(t.name(), t));
        principals.forEach(p -> p.topics().forEach(t -> topics.putIfAbsent(t, Topics.spec(t))));

        SortedSet<Acl> acls = new TreeSet<>();
        principals.forEach(p -> acls.addAll(Acls.of(p)));
        return new DeploymentModel(topics, List.copyOf(principals), acls, dataProducts);
    }

    public Principal principal(String name) {
        return principals.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No principal " + name));
    }

    public SortedSet<Acl> aclsOf(String principal) {
        SortedSet<Acl> result = new TreeSet<>();
        acls.stream().filter(a -> a.principal().equals(principal)).forEach(result::add);
        return result;
    }

    /** The variables of {@code terraform/}, as the JSON of {@value #TFVARS_FILE}. */
    public ObjectNode toTerraformVars() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("generated_by", GENERATED_BY);

        ObjectNode topicsNode = root.putObject("topics");
        topics.forEach((name, spec) -> {
            ObjectNode t = topicsNode.putObject(name);
            t.put("partitions", Topics.PARTITIONS);
            t.put("cleanup_policy", spec.kind().cleanupPolicy());
            t.put("description", spec.description());
        });

        ObjectNode principalsNode = root.putObject("principals");
        principals.stream().sorted(java.util.Comparator.comparing(Principal::name)).forEach(p -> {
            ObjectNode n = principalsNode.putObject(p.name());
            n.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("module", p.module());
            n.put("description", p.description());
            n.put("application_id", p.applicationId());
            strings(n.putArray("reads"), p.reads());
            strings(n.putArray("writes"), p.writes());
        });

        ObjectNode aclsNode = root.putObject("acls");
        acls.forEach(a -> {
            ObjectNode n = aclsNode.putObject(a.key());
            n.put("principal", a.principal());
            n.put("resource_type", a.resourceType().name());
            n.put("resource_name", a.resourceName());
            n.put("pattern_type", a.patternType().name());
            n.put("operation", a.operation().name());
        });

        ObjectNode schemas = root.putObject("schemas");
        ObjectNode tags = root.putObject("tags");
        SortedMap<String, Set<String>> bmAttributes = new TreeMap<>();
        ObjectNode products = root.putObject("data_products");
        for (DataProductMetadata dp : new TreeMap<>(dataProducts).values()) {
            if (dp.schema() != null) {
                ObjectNode s = schemas.putObject(dp.topic() + "-value");
                s.put("topic", dp.topic());
                s.put("format", "JSON");
                s.put("schema", dp.schema().toString());
            }
            ObjectNode n = products.putObject(dp.topic());
            n.put("name", dp.name());
            n.put("description", dp.description());
            strings(n.putArray("tags"), dp.tags());
            ObjectNode bm = n.putObject("business_metadata");
            new TreeMap<>(dp.businessMetadata()).forEach((kind, attributes) -> {
                ObjectNode k = bm.putObject(kind);
                new TreeMap<>(attributes).forEach(k::put);
                bmAttributes.computeIfAbsent(kind, x -> new TreeSet<>()).addAll(attributes.keySet());
            });
            dp.tags().stream().sorted().forEach(tag -> {
                if (!tags.has(tag)) {
                    tags.putObject(tag).put("description",
                            TAG_DESCRIPTIONS.getOrDefault(tag, "Tag of the suite's data-product descriptors"));
                }
            });
        }
        sortFields(tags);

        ObjectNode bmNode = root.putObject("business_metadata");
        bmAttributes.forEach((kind, attributes) -> {
            ObjectNode k = bmNode.putObject(kind);
            k.put("description", kind + " of a data product (data-mesh walkthrough)");
            strings(k.putArray("attributes"), attributes);
        });
        return root;
    }

    /** The file's exact text: two-space indentation, one value per line, a final newline. */
    public String toTerraformVarsText() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return Json.MAPPER.writer(printer).writeValueAsString(toTerraformVars()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        new TreeSet<>(values).forEach(array::add);
    }

    private static void sortFields(ObjectNode node) {
        Map<String, JsonNode> sorted = new TreeMap<>();
        node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        node.removeAll();
        sorted.forEach(node::set);
    }

    private static ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : DeploymentModel.class.getClassLoader();
    }

    /** Counts for a one-line summary. */
    public Map<String, Integer> summary() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("topics", topics.size());
        counts.put("principals", principals.size());
        counts.put("acls", acls.size());
        counts.put("schemas", (int) dataProducts.values().stream().filter(d -> d.schema() != null).count());
        counts.put("data products", dataProducts.size());
        return counts;
    }
}
