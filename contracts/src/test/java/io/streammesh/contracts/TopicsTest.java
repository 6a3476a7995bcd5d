package io.streammesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every topic of the registry: its record round-trips, its key follows from its value, its schema is what is written. */
class TopicsTest {

    private static <V> JsonNode written(Samples.Sample<V> sample) {
        byte[] bytes = sample.topic().serde().serializer().serialize(sample.topic().name(), sample.value());
        return Json.tree(new String(bytes, StandardCharsets.UTF_8));
    }

    private static <V> V read(Topic<V> topic, String json) {
        return topic.serde().deserializer().deserialize(topic.name(), json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyTopicHasASample() {
        List<Topic<?>> topics = Samples.all().stream().<Topic<?>>map(Samples.Sample::topic).toList();
        assertThat(topics).isEqualTo(Topics.ALL);
    }

    @Test
    void valuesRoundTripAndAreReadInAnyFieldCase() {
        for (Samples.Sample<?> sample : Samples.all()) {
            String json = written(sample).toString();
            assertThat((Object) read(sample.topic(), json)).as(sample.topic().name()).isEqualTo(sample.value());
            assertThat((Object) read(sample.topic(), json.toUpperCase(Locale.ROOT).replace("TRUE", "true").replace("FALSE", "false")))
                    .as(sample.topic().name() + " upper-case").isNotNull();
        }
    }

    @Test
    void theKeyFollowsFromTheValue() {
        for (Samples.Sample<?> sample : Samples.all()) {
            assertThat(keyOf(sample)).as(sample.topic().name()).isEqualTo(sample.key());
        }
        assertThat(Topics.JOB_STATUS.keyOf(null)).isNull();
    }

    private static <V> String keyOf(Samples.Sample<V> sample) {
        return sample.topic().keyOf(sample.value());
    }

    @Test
    void theSchemaListsExactlyTheWrittenFieldsInTheirOrder() {
        for (Samples.Sample<?> sample : Samples.all()) {
            List<String> writtenNames = new ArrayList<>();
            written(sample).fieldNames().forEachRemaining(writtenNames::add);
            ObjectNode schema = Schemas.of(sample.topic());
            List<String> schemaNames = new ArrayList<>();
            schema.get("properties").fieldNames().forEachRemaining(schemaNames::add);
            assertThat(schemaNames).as(sample.topic().name()).containsExactlyElementsOf(writtenNames);
            assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        }
    }

    @Test
    void flattenedRecordsWriteTheSharedKeyOnceAndFirst() {
        Samples.Sample<?> enriched = Samples.all().get(Topics.ALL.indexOf(Topics.STATIONS_ENRICHED));
        JsonNode json = written(enriched);
        assertThat(json.fieldNames().next()).isEqualTo("station_id");
        assertThat(json.toString().split("\"station_id\"", -1)).hasSize(2);
        assertThat(json.get("region_name").asText()).isEqualTo("Downtown");
        assertThat(json.get("num_bikes_available").asInt()).isEqualTo(7);
    }

    @Test
    void requiredAndNullableFollowTheRecord() {
        ObjectNode status = Schemas.of(Topics.JOB_STATUS);
        assertThat(status.get("required").toString()).isEqualTo("[\"job_id\",\"price\",\"price_quoted\",\"current_status\"]");
        assertThat(status.at("/properties/customer_id/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(status.at("/properties/current_status/type").asText()).isEqualTo("string");
        assertThat(status.at("/properties/current_status/enum").toString()).isEqualTo("[\"ACCEPTED\",\"REJECTED\"]");
        assertThat(Schemas.of(Topics.STATIONS_INFO_LATEST).at("/properties/region_name/description").asText())
                .startsWith("name of the latest system.regions record");
    }

    @Test
    void theRegistryKnowsWhoWritesEachInput() {
        assertThat(Topics.producers().keySet()).containsExactly("gbfs", "customers", "marketplace", "trucks");
        assertThat(Topics.producers().get("trucks")).containsExactly(Topics.JOBLOCATION, Topics.TRADIE_TRUCK_LOCATION);
        assertThat(Topics.deadLetter("app").name()).isEqualTo("app.dlq");
        assertThat(Topics.spec("app.dlq")).isEqualTo(Topics.deadLetter("app"));
        assertThat(Topics.spec("job_status")).isSameAs(Topics.JOB_STATUS);
    }
}
