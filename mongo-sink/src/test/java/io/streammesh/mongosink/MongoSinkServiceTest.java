package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.config.ServiceConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MongoSinkServiceTest {

    static final ServiceConfig CONFIG = ServiceConfig.of(Map.of(
                    "bootstrap.servers", "b:9092", "enable.auto.commit", "true", "acks", "1", "group.id", "g",
                    "security.protocol", "SASL_SSL", "num.stream.threads", "4"),
            Map.of("mongodb.uri", "mongodb://db", "batch.max.records", "500"));

    @Test
    void theConsumerReadsCommittedRecordsAndNeverCommitsOnItsOwn() {
        SinkSettings settings = SinkSettings.from(CONFIG);
        Properties consumer = MongoSinkService.consumerProperties(CONFIG, settings);
        assertThat(consumer.get("enable.auto.commit")).isEqualTo(false);
        assertThat(consumer.get("isolation.level")).isEqualTo("read_committed");
        assertThat(consumer.get("auto.offset.reset")).isEqualTo("earliest");
        assertThat(consumer.get("max.poll.records")).isEqualTo(500);
        assertThat(consumer.get("group.id")).isEqualTo("g");
        assertThat(consumer.get("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(consumer).doesNotContainKey("num.stream.threads");
    }

    @Test
    void deadLettersAreProducedDurably() {
        Properties producer = MongoSinkService.producerProperties(CONFIG, SinkSettings.from(CONFIG));
        assertThat(producer.get("acks")).isEqualTo("all");
        assertThat(producer.get("enable.idempotence")).isEqualTo(true);
        assertThat(producer).doesNotContainKey("group.id");
    }

    @Test
    void healthIsUpWhileRunningOrRetrying() {
        assertThat(MongoSinkService.health(MongoSink.State.RUNNING).ready()).isTrue();
        assertThat(MongoSinkService.health(MongoSink.State.RETRYING).ready()).isTrue();
        assertThat(MongoSinkService.health(MongoSink.State.STARTING).ready()).isFalse();
        assertThat(MongoSinkService.health(MongoSink.State.FAILED).ready()).isFalse();
        assertThat(MongoSinkService.health(MongoSink.State.STOPPED).state()).isEqualTo("STOPPED");
    }
}
