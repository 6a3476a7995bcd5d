package io.streammesh.common.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Schemas;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the data-product descriptors the producing modules ship as resources, one per output topic:
 * {@code META-INF/streammesh/data-products/<topic>.json}. Lookup is by resource name for each topic
 * of {@link Topics#ALL} (no classpath scanning), so the catalog, the demo page and the Terraform
 * generator all see the same set, and a descriptor for a topic the spec does not know is ignored.
 *
 * <p>Descriptor fields read here (all but {@code topic}/{@code description} optional):
 * {@code name}, {@code description}, {@code owner} (a team name, or an object with {@code team}),
 * {@code domain} (a name, or an object with {@code name}), {@code tags}, {@code sla.freshness}
 * (or {@code sla} as text), {@code schema} (JSON Schema of the value).
 */
public final class DataProducts {

    public static final String RESOURCE_DIR = "META-INF/streammesh/data-products/";

    private DataProducts() {
    }

    /** The descriptor resource name of a topic. */
    public static String resourceName(String topic) {
        return RESOURCE_DIR + topic + ".json";
    }

    /** Every data product on the classpath of this thread, in {@link Topics#ALL} order. */
    public static Map<String, DataProduct> load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader == null ? DataProducts.class.getClassLoader() : loader);
    }

    public static Map<String, DataProduct> load(ClassLoader loader) {
        Map<String, DataProduct> result = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.ALL) {
            String resource = resourceName(topic.name());
            URL url = loader.getResource(resource);
            if (url != null) {
                result.put(topic.name(), parse(topic.name(), read(url), resource));
            }
        }
        return result;
    }

    public static Optional<DataProduct> find(String topic) {
        return Optional.ofNullable(load().get(topic));
    }

    /** Reads one descriptor; a descriptor naming a different topic than its file is a packaging mistake. */
    public static DataProduct parse(String topic, JsonNode node, String resource) {
        if (node == null || !node.isObject()) {
            throw new IllegalStateException("Data-product descriptor " + resource + " is not a JSON object");
        }
        String declared = text(node.get("topic"));
        if (declared != null && !declared.equals(topic)) {
            throw new IllegalStateException("Data-product descriptor " + resource + " names topic '" + declared
                    + "' but describes '" + topic + "'");
        }
        String description = text(node.get("description"));
        if (description == null) {
            throw new IllegalStateException("Data-product descriptor " + resource + " has no description");
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagNode = node.get("tags");
        if (tagNode != null && tagNode.isArray()) {
            tagNode.forEach(t -> tags.add(t.asText()));
        }
        JsonNode sla = node.get("sla");
        String freshness = sla == null ? null : sla.isObject() ? text(sla.get("freshness")) : text(sla);
        if (node.has("schema")) {
            throw new IllegalStateException("Data-product descriptor " + resource + " holds a schema: the schema is generated"
                    + " from the topic's record in the contracts module; remove it from the descriptor");
        }
        ObjectNode descriptor = ((ObjectNode) node).deepCopy();
        ObjectNode schema = Topics.find(topic).map(Schemas::of).orElse(null);
        if (schema != null) {
            descriptor.set("schema", schema);
        }
        return new DataProduct(topic, Optional.ofNullable(text(node.get("name"))).orElse(topic), description,
                nameOf(node.get("owner"), "team"), nameOf(node.get("domain"), "name"), tags, freshness,
                schema, descriptor, resource);
    }

    private static String nameOf(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            String named = text(node.get(field));
            return named != null ? named : text(node.get("name"));
        }
        return text(node);
    }

    private static JsonNode read(URL url) {
        try (InputStream in = url.openStream()) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read data-product descriptor " + url + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }
}
