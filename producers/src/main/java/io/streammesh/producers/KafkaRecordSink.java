package io.streammesh.producers;

import io.streammesh.common.config.ClientProperties;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Topic;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An idempotent Kafka producer ({@code enable.idempotence=true}, {@code acks=all}) writing each value
 * with its topic's serde, so the bytes are the contract's JSON.
 */
public final class KafkaRecordSink implements RecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRecordSink.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaRecordSink(ServiceConfig config) {
        Properties props = new Properties();
        // defaults a generator's small JSON records benefit from; the config may change them
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putAll(ClientProperties.producer(config));
        // idempotence is what makes a retried send safe; a user override may not turn it off
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // one request in flight per partition: right after a topic is created its first batch can be
        // refused (NOT_LEADER_OR_FOLLOWER) while later ones are accepted, and the idempotent producer
        // then retries the first against "out of order sequence" until the batch expires, losing it
        // (seen in ProducersToKafkaIT). A generator's rate does not need more.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public <V> void sendWithKey(Topic<V> topic, String key, V value, long timestamp) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new ProduceFailedException("Producing to Kafka failed: " + failed.getMessage(), failed);
        }
        byte[] bytes = topic.serde().serializer().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key, bytes), (metadata, e) -> {
            if (e != null) {
                LOG.error("Could not produce to {}: {}", topic.name(), e.getMessage());
                failure.compareAndSet(null, e);
            }
        });
        counts.computeIfAbsent(topic.name(), t -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void flush() {
        producer.flush();
        Exception failed = failure.get();
        if (failed != null) {
            // never end a run as if everything was written
            throw new ProduceFailedException("Producing to Kafka failed, records were not written: " + failed.getMessage(), failed);
        }
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    @Override
    public String failure() {
        Exception failed = failure.get();
        return failed == null ? null : "producing to Kafka failed: " + failed.getMessage();
    }

    @Override
    public void close() {
        producer.close();
    }
}
