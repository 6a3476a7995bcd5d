package io.streammesh.local.demo;

import io.streammesh.common.config.ClientProperties;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page's own consumer: reads every topic of the spec and every dead-letter topic from the
 * beginning (read_committed, so aborted transactions of the exactly-once services never show) and
 * feeds {@link PageState}, each record once.
 *
 * <p>No consumer group: it assigns itself the partitions of the matching topics and looks for new
 * ones every few seconds. A group would rebalance each time a topic appears (services create their
 * dead-letter topics as they start, after the page), and a group that commits nothing then starts
 * every partition again from the beginning, counting its records twice.
 */
public final class TopicWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicWatcher.class);

    /** Every spec topic and every {@code <application.id>.dlq}; new topics are picked up within seconds. */
    static final Pattern TOPICS = Pattern.compile(Topics.ALL.stream().map(t -> Pattern.quote(t.name()))
            .collect(Collectors.joining("|")) + "|.+\\.dlq");

    /** How often the watcher looks for topics and partitions that appeared since it last looked. */
    static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(3);

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final PageState state;
    private final Thread thread;
    private volatile boolean running = true;

    public TopicWatcher(ServiceConfig cluster, PageState state) {
        Properties props = ClientProperties.consumer(cluster);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG); // a client.properties may name one; the page joins none
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
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
            long nextDiscovery = 0;
            while (running) {
                if (System.nanoTime() - nextDiscovery >= 0) {
                    discover();
                    nextDiscovery = System.nanoTime() + DISCOVERY_INTERVAL.toNanos();
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    state.apply(r.topic(), r.key(), r.value(), r.timestamp(), System.currentTimeMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /**
     * Assigns the partitions of every matching topic; those new to it are read from the beginning,
     * the others keep their positions (assign keeps the position of a partition it already had).
     */
    private void discover() {
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(POLL);
        } catch (TimeoutException e) {
            LOG.debug("The demo page could not list topics yet ({}); trying again in {}", e.getMessage(), DISCOVERY_INTERVAL);
            return;
        }
        Set<TopicPartition> partitions = new HashSet<>();
        topics.forEach((topic, infos) -> {
            if (TOPICS.matcher(topic).matches()) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        });
        if (partitions.equals(consumer.assignment())) {
            return;
        }
        Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(consumer.assignment());
        consumer.assign(partitions);
        consumer.seekToBeginning(added);
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
