package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammesh.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class DocumentMapperTest {

    static final String JOB_STATUS = Topics.JOB_STATUS.name();
    static final String TRUCKS = Topics.TRUCK_TRACKER.name();

    final DocumentMapper mapper = new DocumentMapper(List.of(
            TopicMapping.of(JOB_STATUS, "job_status"), TopicMapping.of(TRUCKS, "truck_tracker")));

    MongoWrite map(String topic, String key, String value) {
        return mapper.map(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jobStatusBecomesADocumentKeyedByJobIdWithTheValueFields() {
        MongoWrite w = map(JOB_STATUS, "1001", "{\"job_id\":1001,\"customer_id\":\"c-7\",\"service_option\":\"Plumbing\","
                + "\"price\":250,\"price_quoted\":300,\"current_status\":\"ACCEPTED\"}");
        assertThat(w.collection()).isEqualTo("job_status");
        assertThat(w.id()).isEqualTo(1001L);
        assertThat(w.isDelete()).isFalse();
        Document d = w.document();
        assertThat(d.keySet()).containsExactly("_id", "job_id", "customer_id", "service_option", "price", "price_quoted", "current_status");
        assertThat(d.get("_id")).isEqualTo(1001L);
        assertThat(d.get("job_id")).isEqualTo(1001);
        assertThat(d.get("price_quoted")).isEqualTo(300);
        assertThat(d.getString("current_status")).isEqualTo("ACCEPTED");
    }

    @Test
    void upperCaseFieldNamesOfKsqlDbProducersGiveTheSameDocument() {
        MongoWrite upper = map(JOB_STATUS, "5", "{\"JOB_ID\":5,\"CURRENT_STATUS\":\"REJECTED\"}");
        MongoWrite lower = map(JOB_STATUS, "5", "{\"job_id\":5,\"current_status\":\"REJECTED\"}");
        assertThat(upper).isEqualTo(lower);
    }

    @Test
    void aJobIdSentAsTextIsTheSameJobAsTheNumber() {
        assertThat(map(JOB_STATUS, "77", "{\"job_id\":\"77\"}").id()).isEqualTo(77L);
        assertThat(map(JOB_STATUS, null, "{\"job_id\":9007199254740993}").id()).isEqualTo(9007199254740993L);
    }

    @Test
    void theDocumentIdComesFromTheValueNotTheKey() {
        assertThat(map(JOB_STATUS, "something-else", "{\"job_id\":3}").id()).isEqualTo(3L);
        assertThat(map(JOB_STATUS, null, "{\"job_id\":3}").id()).isEqualTo(3L);
    }

    @Test
    void recordsThatCanNeverBeWrittenAreRejectedWithAReason() {
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "{\"customer_id\":\"c\"}")).hasMessage("job_id is missing");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "{\"job_id\":null}")).hasMessage("job_id is missing");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "{\"job_id\":\"abc\"}")).hasMessageContaining("job_id must be a whole number");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "{\"job_id\":1.5}")).hasMessageContaining("job_id must be a whole number");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "{not json")).hasMessageStartingWith("value is not valid JSON");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "{\"job_id\":1} {\"job_id\":2}")).hasMessageStartingWith("value is not valid JSON");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "")).hasMessage("value is empty");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "[1,2]")).hasMessage("value is JSON array, not an object");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "42")).hasMessage("value is JSON number, not an object");
        assertThatThrownBy(() -> map(JOB_STATUS, "1", "{\"job_id\":1,\"$set\":{}}")).hasMessageContaining("starts with '$'");
        assertThatThrownBy(() -> map("unmapped", "1", "{}")).hasMessageContaining("no collection mapped");
    }

    @Test
    void aTombstoneDeletesTheJobItsKeyNames() {
        MongoWrite w = map(JOB_STATUS, "1001", null);
        assertThat(w.isDelete()).isTrue();
        assertThat(w.id()).isEqualTo(1001L);
        assertThat(w.operation()).isEqualTo("delete");
        assertThatThrownBy(() -> map(JOB_STATUS, null, null)).hasMessageContaining("key is missing");
        assertThatThrownBy(() -> map(JOB_STATUS, "job-x", null)).hasMessageContaining("must be a whole number");
    }

    @Test
    void otherTopicsAreKeyedByTheRecordKeyAsText() {
        MongoWrite w = map(TRUCKS, "1001", "{\"job_id\":1001,\"vehicle_id\":\"T-9\",\"lat\":-33.86,\"long\":151.2,"
                + "\"distance_from_destination\":1.25,\"eta_seconds\":1200.5}");
        assertThat(w.collection()).isEqualTo("truck_tracker");
        assertThat(w.id()).isEqualTo("1001");
        assertThat(w.document().getDouble("lat")).isEqualTo(-33.86);
        assertThat(w.document().get("long")).isEqualTo(151.2);
        assertThat(map(TRUCKS, "1001", null).id()).isEqualTo("1001");
        assertThatThrownBy(() -> map(TRUCKS, null, "{\"job_id\":1}")).hasMessageContaining("key is missing");
    }

    @Test
    void jsonTypesBecomeTheirBsonCounterparts() {
        Document d = map(TRUCKS, "k", "{\"i\":1,\"l\":12345678901,\"d\":0.5,\"big\":123456789012345678901234567890,"
                + "\"b\":true,\"n\":null,\"s\":\"x\",\"a\":[1,\"two\",{\"Three\":3}],\"o\":{\"Inner\":{\"x\":1}},\"_id\":\"ignored\"}")
                .document();
        assertThat(d.get("_id")).isEqualTo("k");
        assertThat(d.get("i")).isEqualTo(1);
        assertThat(d.get("l")).isEqualTo(12345678901L);
        assertThat(d.get("d")).isEqualTo(0.5);
        assertThat(d.get("big")).isEqualTo(Decimal128.parse("123456789012345678901234567890"));
        assertThat(d.get("b")).isEqualTo(true);
        assertThat(d.containsKey("n")).isTrue();
        assertThat(d.get("n")).isNull();
        assertThat(d.getList("a", Object.class)).containsExactly(1, "two", new Document("Three", 3));
        // nested values are data and keep their names
        assertThat(d.get("o", Document.class).get("Inner", Document.class).get("x")).isEqualTo(1);
    }
}
