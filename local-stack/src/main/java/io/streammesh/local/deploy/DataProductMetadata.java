package io.streammesh.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.contracts.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What Confluent Cloud's Stream Catalog gets to know about one data product, read from the
 * descriptor its producing module ships (found by {@link DataProducts}): description, tags, the value's JSON Schema and the
 * business metadata of the data-mesh walkthrough (Team details, Domain details, Data Product details).
 *
 * <p>A descriptor's own {@code business_metadata} wins; the attributes it does not give are derived
 * from its {@code owner}, {@code domain} and {@code name} fields, so every data product carries the same
 * three kinds of business metadata.
 */
public record DataProductMetadata(String topic, String name, String description, List<String> tags, JsonNode schema,
                                  Map<String, Map<String, String>> businessMetadata) {

    public static final String TEAM_DETAILS = "Team details";
    public static final String DOMAIN_DETAILS = "Domain details";
    public static final String DATA_PRODUCT_DETAILS = "Data Product details";

    /** Stream Catalog's rule for tag, business metadata and attribute names. */
    static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_ ]*");

    public DataProductMetadata {
        tags = List.copyOf(tags);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        businessMetadata.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        businessMetadata = Collections.unmodifiableMap(copy);
    }

    /** Every descriptor on the class path, as {@link DataProducts} finds them, in {@link Topics#ALL} order. */
    public static Map<String, DataProductMetadata> load(ClassLoader loader) {
        Map<String, DataProductMetadata> result = new LinkedHashMap<>();
        DataProducts.load(loader).forEach((topic, product) ->
                result.put(topic, of(topic, product.descriptor(), product.resource())));
        return result;
    }

    public static DataProductMetadata of(String topic, JsonNode d, String source) {
        String declared = text(d, "topic");
        if (declared != null && !declared.equals(topic)) {
            throw new IllegalStateException(source + " describes topic '" + declared + "', not '" + topic + "'");
        }
        String description = text(d, "description");
        if (description == null) {
            throw new IllegalStateException(source + " has no description");
        }
        String name = text(d, "name") != null ? text(d, "name") : topic;
        List<String> tags = new ArrayList<>();
        if (d.path("tags").isArray()) {
            d.get("tags").forEach(t -> tags.add(t.asText()));
        }
        Map<String, Map<String, String>> bm = derivedBusinessMetadata(name, d.path("owner"), d.path("domain"));
        JsonNode given = d.path("business_metadata");
        given.fieldNames().forEachRemaining(kind -> {
            Map<String, String> attributes = bm.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            given.get(kind).fields().forEachRemaining(a -> {
                if (!a.getValue().isNull()) {
                    attributes.put(a.getKey(), a.getValue().asText());
                }
            });
        });
        bm.values().removeIf(Map::isEmpty);
        JsonNode schema = d.get("schema");
        DataProductMetadata metadata = new DataProductMetadata(topic, name, description, tags,
                schema == null || schema.isNull() ? null : schema, bm);
        metadata.validate(source);
        return metadata;
    }

    /** The walkthrough's business metadata from a descriptor's plain owner/domain fields. */
    private static Map<String, Map<String, String>> derivedBusinessMetadata(String name, JsonNode owner, JsonNode domain) {
        String team = owner.isTextual() ? owner.asText() : text(owner, "team");
        String domainName = domain.isTextual() ? domain.asText() : text(domain, "name");
        Map<String, Map<String, String>> bm = new LinkedHashMap<>();
        Map<String, String> teamDetails = new LinkedHashMap<>();
        put(teamDetails, "Team name", team);
        put(teamDetails, "Slack channel", text(owner, "channel"));
        put(teamDetails, "Slack alias", text(owner, "slack"));
        bm.put(TEAM_DETAILS, teamDetails);
        Map<String, String> domainDetails = new LinkedHashMap<>();
        put(domainDetails, "Domain name", domainName);
        put(domainDetails, "Executive owner", text(domain, "executive_owner"));
        put(domainDetails, "Executive owner email", text(domain, "email"));
        bm.put(DOMAIN_DETAILS, domainDetails);
        Map<String, String> product = new LinkedHashMap<>();
        put(product, "Product name", name);
        put(product, "Primary owner", text(owner, "primary_owner"));
        put(product, "Primary owner email", text(owner, "email"));
        put(product, "Responsible team", team);
        put(product, "Domain", domainName);
        bm.put(DATA_PRODUCT_DETAILS, product);
        return bm;
    }

    private void validate(String source) {
        for (String tag : tags) {
            requireCatalogName(tag, "tag", source);
        }
        businessMetadata.forEach((kind, attributes) -> {
            requireCatalogName(kind, "business metadata", source);
            attributes.keySet().forEach(a -> requireCatalogName(a, "business metadata attribute", source));
        });
    }

    private static void requireCatalogName(String name, String what, String source) {
        if (!CATALOG_NAME.matcher(name).matches()) {
            throw new IllegalStateException(source + ": " + what + " '" + name + "' is not a valid Stream Catalog name"
                    + " (a letter, then letters, digits, spaces or _)");
        }
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
    }
}
