package io.streammesh.common.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The descriptor of one data product (an output topic other teams may rely on): who owns it, which
 * domain it belongs to, what it means, its tags, its freshness SLA and the JSON Schema of its value.
 * {@link #descriptor()} is the whole file as written, for tools that need more (business metadata).
 */
public record DataProduct(String topic, String name, String description, String ownerTeam, String domain,
                          List<String> tags, String freshness, JsonNode schema, JsonNode descriptor, String resource) {

    public DataProduct {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The value's field names, in the order the schema lists them. */
    public List<String> schemaFields() {
        JsonNode properties = schema == null ? null : schema.get("properties");
        if (properties == null || !properties.isObject()) {
            return List.of();
        }
        List<String> fields = new java.util.ArrayList<>();
        properties.fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
