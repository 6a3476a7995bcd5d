package io.streammesh.local.demo;

import io.streammesh.common.config.ClientProperties;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's own consumer: reads every topic of the spec and every dead-letter topic from the
 * beginning (read_committed, so aborted transactions of the exactly-once services never show) and
 * feeds {@link PageState}. A fresh group id per run: it commits nothing and disturbs no one.
 */
public final class TopicWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicWatcher.class);

    /** Every spec topic and every {@code <application.id>.dlq}; new topics are picked up within seconds. */
    static final Pattern TOPICS = Pattern.compile(Topics.ALL.stream().map(t -> Pattern.quote(t.name()))
            .collect(Collectors.joining("|")) + "|.+\\.dlq");

    private final KafkaConsumer<String, byte[]> consumer;
    private final PageState state;
    private final Thread thread;
    private volatile boolean running = true;

    public TopicWatcher(ServiceConfig cluster, PageState state) {
        Properties props = ClientProperties.consumer(cluster);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "streammesh-demo-page-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 3000);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, true);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.state = state;
        this.thread = new Thread(this::loop, "demo-topic-watcher");
        this.thread.setDaemon(true);
    }

    public TopicWatcher start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            consumer.subscribe(TOPICS);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    state.apply(r.topic(), r.key(), r.value(), r.timestamp(), System.currentTimeMillis());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("The demo page's consumer stopped: {}", e.toString(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
