package io.streammesh.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema (draft 7) of a topic's values, generated from its record: property names as the
 * suite's JSON mapping writes them, {@link Required} fields and primitives required and non-null,
 * every other field nullable, descriptions from {@code @JsonPropertyDescription}. The data-product
 * catalog, the Terraform variables (schemas registered on Confluent Cloud) and the contract document
 * all take their schema from here.
 */
public final class Schemas {

    private static final SchemaGenerator GENERATOR = generator();
    private static final Map<Class<?>, ObjectNode> CACHE = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** The schema of {@code topic}'s values; a fresh copy the caller may change. */
    public static ObjectNode of(Topic<?> topic) {
        return of(topic.valueType());
    }

    public static ObjectNode of(Class<?> record) {
        return CACHE.computeIfAbsent(record, Schemas::generate).deepCopy();
    }

    private static ObjectNode generate(Class<?> record) {
        ObjectNode schema = GENERATOR.generateSchema(record);
        ObjectNode ordered = Json.MAPPER.createObjectNode();
        ordered.set("$schema", schema.remove("$schema"));
        ordered.put("title", record.getSimpleName());
        ordered.setAll(schema);
        inWriteOrder(ordered, record);
        return ordered;
    }

    /** Properties and required names in the order the mapping writes them (flattened records where they stand). */
    private static void inWriteOrder(ObjectNode schema, Class<?> record) {
        List<String> order = writeOrder(record, Set.of());
        ObjectNode properties = (ObjectNode) schema.get("properties");
        if (properties != null) {
            ObjectNode sorted = Json.MAPPER.createObjectNode();
            order.stream().filter(properties::has).forEach(name -> sorted.set(name, properties.get(name)));
            properties.fieldNames().forEachRemaining(name -> sorted.putIfAbsent(name, properties.get(name)));
            schema.set("properties", sorted);
        }
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            List<String> names = new ArrayList<>();
            required.forEach(n -> names.add(n.asText()));
            names.sort(Comparator.comparingInt(order::indexOf));
            ArrayNode sorted = schema.putArray("required");
            names.forEach(sorted::add);
        }
    }

    private static List<String> writeOrder(Class<?> record, Set<String> ignored) {
        List<String> names = new ArrayList<>();
        if (record.getRecordComponents() == null) {
            return names;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            if (Contracts.unwrapped(component)) {
                JsonIgnoreProperties ignore = Contracts.annotation(component, JsonIgnoreProperties.class);
                names.addAll(writeOrder(component.getType(), ignore == null ? Set.of() : Set.of(ignore.value())));
            } else if (!ignored.contains(Contracts.jsonName(component))) {
                names.add(Contracts.jsonName(component));
            }
        }
        return names;
    }

    private static boolean required(FieldScope field) {
        return field.getType().getErasedType().isPrimitive() || field.getAnnotationConsideringFieldAndGetter(Required.class) != null;
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_7, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.INLINE_ALL_SCHEMAS, Option.NULLABLE_FIELDS_BY_DEFAULT);
        // properties in the record's order, which is the order the mapping writes them
        config.forTypesInGeneral().withPropertySorter((a, b) -> 0);
        config.forFields()
                .withRequiredCheck(Schemas::required)
                .withNullableCheck(field -> !required(field))
                .withPropertyNameOverrideResolver(field -> {
                    if (field.getDeclaredName() == null || field.getDeclaringType().getErasedType().getRecordComponents() == null) {
                        return null;
                    }
                    for (var component : field.getDeclaringType().getErasedType().getRecordComponents()) {
                        if (component.getName().equals(field.getDeclaredName())) {
                            return Contracts.jsonName(component);
                        }
                    }
                    return null;
                });
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) ->
                JsonNode.class.isAssignableFrom(type.getErasedType())
                        ? new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "object"))
                        : null);
        return new SchemaGenerator(config.build());
    }
}
