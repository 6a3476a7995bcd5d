package io.streammesh.systemtests;

import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@code read_committed} reader of whole topics, from the beginning, without a group: what a
 * downstream consumer sees. {@link #catchUp()} reads to the current last stable offset of every
 * partition and keeps what it read, so repeated checks read each record once.
 */
final class TopicReader implements AutoCloseable {

    /** One record read: key and value as UTF-8 text (null when absent), its headers as text. */
    record Rec(String topic, int partition, long offset, String key, String value, byte[] rawValue, Map<String, String> headers) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, List<Rec>> records = new LinkedHashMap<>();

    TopicReader(EmbeddedKafkaBroker broker, List<String> topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : topics) {
            records.put(topic, new ArrayList<>());
            for (int p = 0; p < Topics.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads up to the last stable offset of every partition as it is now; bounded. */
    synchronized TopicReader catchUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read to the end of " + records.keySet() + " within 60 s");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                }
                records.get(r.topic()).add(new Rec(r.topic(), r.partition(), r.offset(),
                        r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                        r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8), r.value(), headers));
            }
        }
        return this;
    }

    synchronized List<Rec> records(String topic) {
        return List.copyOf(records.get(topic));
    }

    /** A table topic's state: the latest value per key, a tombstone deleting the key. */
    synchronized Map<String, String> table(String topic) {
        Map<String, String> state = new LinkedHashMap<>();
        for (Rec r : records.get(topic)) {
            if (r.value() == null) {
                state.remove(r.key());
            } else {
                state.put(r.key(), r.value());
            }
        }
        return state;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
