package io.streammesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/data-products.md}, the contract users read, cannot drift from the registry: its topic
 * table and every topic's field table are generated from {@link Topics} and {@link Schemas} between
 * {@code <!-- generated:NAME -->} and {@code <!-- end:NAME -->} markers. When a record changes, run
 * {@code ./mvnw -pl contracts test -Dcontract.doc.write=true} (or {@code mvn}) to rewrite those parts;
 * the prose around them is written by hand.
 */
class ContractDocumentTest {

    static final Path DOCUMENT = Path.of("..", "docs", "data-products.md");
    private static final Pattern SECTION = Pattern.compile("(<!-- generated:([a-z0-9._-]+) -->\\n)(.*?)(<!-- end:\\2 -->)", Pattern.DOTALL);

    @Test
    void theDocumentsTablesAreTheRegistrys() throws IOException {
        String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        String regenerated = regenerate(text);
        if (Boolean.getBoolean("contract.doc.write")) {
            Files.writeString(DOCUMENT, regenerated, StandardCharsets.UTF_8);
            text = regenerated;
        }
        assertThat(text).as("docs/data-products.md is out of date: run the contracts tests with -Dcontract.doc.write=true")
                .isEqualTo(regenerated);
    }

    @Test
    void everyTopicHasItsFieldTable() throws IOException {
        String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        assertThat(text).contains("<!-- generated:topics -->");
        for (Topic<?> topic : Topics.ALL) {
            assertThat(text).as(topic.name()).contains("<!-- generated:fields." + topic.name() + " -->");
        }
    }

    static String regenerate(String text) {
        Matcher m = SECTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + generated(name) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String generated(String name) {
        if (name.equals("topics")) {
            return topicTable();
        }
        if (name.startsWith("fields.")) {
            Topic<?> topic = Topics.find(name.substring("fields.".length()))
                    .orElseThrow(() -> new IllegalStateException("no topic " + name));
            return fieldTable(topic);
        }
        throw new IllegalStateException("unknown generated section " + name);
    }

    private static String topicTable() {
        StringBuilder s = new StringBuilder("| topic | kind | key | written by | what it holds |\n| --- | --- | --- | --- | --- |\n");
        for (Topic<?> t : Topics.ALL) {
            s.append("| `").append(t.name()).append("` | ").append(t.kind().name().toLowerCase()).append(" | ")
                    .append(t.keyField().map(k -> "`" + k + "`").orElse(keyDescription(t))).append(" | ")
                    .append(t.writer()).append(" | ").append(t.description()).append(" |\n");
        }
        return s.toString();
    }

    private static String keyDescription(Topic<?> topic) {
        return topic == Topics.INVENTORY_REDISTRIBUTION ? "`<source_station_id>-<dest_station_id>`" : "";
    }

    private static String fieldTable(Topic<?> topic) {
        JsonNode schema = Schemas.of(topic);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        StringBuilder s = new StringBuilder("| field | type | required | meaning |\n| --- | --- | --- | --- |\n");
        schema.get("properties").fields().forEachRemaining(e -> s.append("| `").append(e.getKey()).append("` | ")
                .append(type(e.getValue())).append(" | ").append(required.contains(e.getKey()) ? "yes" : "")
                .append(" | ").append(e.getValue().path("description").asText("").replace("|", "\\|")).append(" |\n"));
        return s.toString();
    }

    private static String type(JsonNode property) {
        if (property.has("enum")) {
            List<String> values = new ArrayList<>();
            property.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
            return String.join(" / ", values);
        }
        JsonNode type = property.get("type");
        String base = type == null ? "any" : type.isArray() ? type.get(0).asText() : type.asText();
        if (base.equals("array") && property.has("items")) {
            JsonNode items = property.get("items").get("type");
            base = "array of " + (items == null ? "any" : items.isArray() ? items.get(0).asText() : items.asText());
        }
        return base;
    }
}
