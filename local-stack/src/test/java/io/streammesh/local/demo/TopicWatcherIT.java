package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The page counts each record once, however topics come and go while it runs. A topic that appears
 * after the page started (a service's dead-letter topic, created as the service starts) once made
 * the page's consumer group rebalance, lose its uncommitted positions and read everything again
 * from the beginning: the page then showed more records than the topics held (seen in DemoStackIT).
 */
class TopicWatcherIT {

    private static final String EARLY = "early-service.dlq";
    private static final String LATE = "late-service.dlq";

    @Test
    void aTopicCreatedWhileThePageRunsNeitherRereadsNorSkipsTheOthers() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                KafkaProducer<String, byte[]> producer = producer(broker)) {
            broker.createTopics(1, false, EARLY);
            for (int i = 1; i <= 5; i++) {
                send(producer, EARLY, i);
            }
            PageState page = new PageState();
            try (TopicWatcher watcher = new TopicWatcher(ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers()), Map.of()), page).start()) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(records(page, EARLY)).isEqualTo(5));

                broker.createTopics(3, false, LATE);
                send(producer, LATE, 6);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(records(page, LATE)).isEqualTo(1));

                // one more record, stamped later than all before it: once the page has seen it, it
                // has seen every record before it on the partition, including a second reading of
                // the first five if its position went back to the beginning
                send(producer, EARLY, 100);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(page.count(EARLY).lastTimestamp()).isEqualTo(100L));
                assertThat(records(page, EARLY)).as("each record of " + EARLY + " counted once").isEqualTo(6);
                assertThat(records(page, LATE)).isEqualTo(1);
            }
        }
    }

    private static long records(PageState page, String topic) {
        PageState.TopicCount count = page.count(topic);
        return count == null ? 0 : count.records();
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, "k" + timestamp, "{}".getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafkaBroker broker) {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
