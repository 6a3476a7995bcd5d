package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.WriteConcern;
import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ServiceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

    static ServiceConfig config(Map<String, String> settings) {
        return ServiceConfig.of(Map.of("bootstrap.servers", "localhost:9092"), settings);
    }

    @Test
    void defaults() {
        SinkSettings s = SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db:27017")));
        assertThat(s.database()).isEqualTo("marketplace");
        assertThat(s.mappings()).containsExactly(new TopicMapping("job_status", "job_status", TopicMapping.IdSource.JOB_ID));
        assertThat(s.writeConcern().getWObject()).isEqualTo("majority");
        assertThat(s.writeConcern().getWTimeout(TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(s.groupId()).isEqualTo("mongo-sink");
        assertThat(s.deadLetterTopic()).isEqualTo("mongo-sink.dlq");
        assertThat(s.batchMaxRecords()).isEqualTo(5000);
        assertThat(s.backoff()).isEqualTo(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)));
    }

    @Test
    void mappingsWriteConcernAndGroup() {
        ServiceConfig c = ServiceConfig.of(Map.of("bootstrap.servers", "b:9092", "group.id", "sink-2"), Map.of(
                "mongodb.uri", "mongodb://db:27017", "mapping", "job_status=jobs, truck_tracker",
                "mongodb.write.concern", "1", "batch.max.records", "100"));
        SinkSettings s = SinkSettings.from(c);
        assertThat(s.mappings()).containsExactly(
                new TopicMapping("job_status", "jobs", TopicMapping.IdSource.JOB_ID),
                new TopicMapping("truck_tracker", "truck_tracker", TopicMapping.IdSource.RECORD_KEY));
        assertThat(s.writeConcern().getW()).isEqualTo(1);
        assertThat(s.groupId()).isEqualTo("sink-2");
        assertThat(s.deadLetterTopic()).isEqualTo("sink-2.dlq");
        assertThat(s.batchMaxRecords()).isEqualTo(100);
    }

    @Test
    void theConnectionStringsWriteConcernAppliesUnlessTheSettingIsGiven() {
        assertThat(SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db/?w=2"))).writeConcern().getW()).isEqualTo(2);
        assertThat(SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db/?w=2", "mongodb.write.concern", "majority")))
                .writeConcern().getWObject()).isEqualTo("majority");
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> SinkSettings.from(config(Map.of()))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--mongodb-uri").hasMessageContaining("MONGODB_URI");
        assertThatThrownBy(() -> SinkSettings.from(config(Map.of("mongodb.uri", "http://user:secret@db"))))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db", "mongodb.write.concern", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("acknowledges nothing");
        assertThatThrownBy(() -> SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db/?w=0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("w=0");
        assertThatThrownBy(() -> SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db", "mongodb.write.concern", "all"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'majority' or a number");
        assertThatThrownBy(() -> SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db", "mapping", "a=x,a=y"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mapped twice");
        assertThatThrownBy(() -> SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db", "batch.max.records", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> SinkSettings.from(config(Map.of("mongodb.uri", "mongodb://db", "retry.backoff.max", "100ms"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retry.backoff.max");
    }

    @Test
    void mappingParsing() {
        assertThat(TopicMapping.parse(List.of("job_status=a", "truck_tracker=b"))).extracting(TopicMapping::collection)
                .containsExactly("a", "b");
        assertThatThrownBy(() -> TopicMapping.parse(List.of(" , "))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> TopicMapping.parse(List.of("t=system.profile"))).isInstanceOf(ConfigException.class);
        assertThat(WriteConcern.MAJORITY.getWObject()).isEqualTo("majority");
    }
}
