package io.streammesh.common.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.config.ClientProperties;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.EventStream;
import io.streammesh.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of topics as they are written, for {@code /v1/streams/{topic}/changes}: one consumer
 * (no group, nothing committed, {@code read_committed} so aborted transactions never show) reading the
 * partitions of every topic someone follows, and handing each record to that topic's listeners on its
 * own thread. A listener must not block: the SSE listener only queues the event in its client's bounded
 * buffer ({@link EventStream}). Records reach a listener in partition order, so in order per key.
 *
 * <p>{@link #shared} is the one live feed of a process per cluster (the demo runs five services in
 * one JVM: they share it). A feed {@code fromBeginning} reads its topics from their first record;
 * each such client gets its own, since its position is its own.
 */
public final class ChangeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Map<String, ChangeFeed> SHARED = new ConcurrentHashMap<>();
    static final long POLL_MS = 100;

    /** One record of a followed topic. Its SSE event is written once, whatever the number of clients. */
    public static final class Change {
        private final ConsumerRecord<byte[], byte[]> record;
        private volatile byte[] event;

        Change(ConsumerRecord<byte[], byte[]> record) {
            this.record = record;
        }

        public String topic() {
            return record.topic();
        }

        public String key() {
            return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        }

        /** {@code event: change}, id {@code partition:offset}, data {topic, partition, offset, timestamp, key, value}; UTF-8. */
        public byte[] event() {
            byte[] e = event;
            if (e == null) {
                ObjectNode data = Json.MAPPER.createObjectNode();
                data.put("topic", record.topic());
                data.put("partition", record.partition());
                data.put("offset", record.offset());
                data.put("timestamp", record.timestamp());
                data.put("key", key());
                data.set("value", value(record.value()));
                e = EventStream.event(record.partition() + ":" + record.offset(), "change", data.toString()).getBytes(StandardCharsets.UTF_8);
                event = e;
            }
            return e;
        }

        private static JsonNode value(byte[] bytes) {
            if (bytes == null) {
                return Json.MAPPER.nullNode();
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            try {
                return Json.MAPPER.readTree(text);
            } catch (Exception notJson) {
                return Json.MAPPER.getNodeFactory().textNode(text); // a topic's bad record shows as it is
            }
        }
    }

    /** Someone following a topic. Called on the feed's thread: must return at once. */
    public interface Listener {
        /** Subscribed: every record after {@code positions} (partition -> next offset) follows. */
        void ready(Map<Integer, Long> positions);

        /** One record; false removes the listener. */
        boolean accept(Change change);

        /** The records of one poll have all been handed to {@link #accept}: a moment to write them out together. */
        default void flush() {
        }

        /** The topic cannot be followed. */
        void failed(String reason);
    }

    private final String name;
    private final boolean fromBeginning;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final String sharedKey;
    private int users;
    private volatile boolean running = true;

    private ChangeFeed(String name, ServiceConfig config, boolean fromBeginning, String sharedKey) {
        this.name = name;
        this.fromBeginning = fromBeginning;
        this.sharedKey = sharedKey;
        Properties props = ClientProperties.consumer(config);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The live feed of this process on {@code config}'s cluster; {@link #close} it when done (it counts its users). */
    public static ChangeFeed shared(ServiceConfig config) {
        Properties props = ClientProperties.consumer(config);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        String key = new TreeMap<>(props).toString();
        synchronized (SHARED) {
            ChangeFeed feed = SHARED.computeIfAbsent(key, k -> new ChangeFeed("streammesh-changes-" + SHARED.size(), config, false, k));
            feed.users++;
            return feed;
        }
    }

    /** A feed of its own reading from the first record; close it when its client leaves. */
    public static ChangeFeed fromBeginning(ServiceConfig config, String name) {
        return new ChangeFeed(name, config, true, null);
    }

    /** Follows {@code topic}: {@code listener} hears {@code ready}, then every record after it. */
    public void subscribe(String topic, Listener listener) {
        command(() -> {
            try {
                TopicPartitionsChange change = addTopic(topic);
                Map<Integer, Long> positions = new TreeMap<>();
                for (TopicPartition tp : change.partitions()) {
                    positions.put(tp.partition(), consumer.position(tp, Duration.ofSeconds(30)));
                }
                listener.ready(positions);
                listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
            } catch (RuntimeException e) {
                listener.failed("cannot follow " + topic + ": " + DeadLetters.describe(e));
            }
        });
    }

    public void unsubscribe(String topic, Listener listener) {
        command(() -> remove(topic, listener));
    }

    /** How many listeners follow {@code topic} (tests, metrics). */
    public int listeners(String topic) {
        return listeners.getOrDefault(topic, List.of()).size();
    }

    private record TopicPartitionsChange(List<TopicPartition> partitions) {
    }

    private TopicPartitionsChange addTopic(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (tp.topic().equals(topic)) {
                partitions.add(tp);
            }
        }
        if (!partitions.isEmpty()) {
            return new TopicPartitionsChange(partitions);
        }
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
        assignment.addAll(partitions);
        consumer.assign(assignment);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        return new TopicPartitionsChange(partitions);
    }

    private void remove(String topic, Listener listener) {
        List<Listener> list = listeners.get(topic);
        if (list == null || !list.remove(listener) || !list.isEmpty()) {
            return;
        }
        listeners.remove(topic);
        Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
        assignment.removeIf(tp -> tp.topic().equals(topic));
        consumer.assign(assignment);
    }

    /** Runs on the feed's thread before its next poll (at most {@value #POLL_MS} ms away): the consumer is single-threaded. */
    private void command(Runnable command) {
        commands.add(command);
    }

    private void loop() {
        try {
            while (running) {
                try {
                    Runnable command;
                    while ((command = commands.poll()) != null) {
                        command.run();
                    }
                    if (consumer.assignment().isEmpty()) {
                        command = commands.poll(POLL_MS, TimeUnit.MILLISECONDS);
                        if (command != null) {
                            command.run();
                        }
                        continue;
                    }
                    Set<Listener> handed = new HashSet<>();
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(POLL_MS))) {
                        List<Listener> following = listeners.get(record.topic());
                        if (following == null || following.isEmpty()) {
                            continue;
                        }
                        Change change = new Change(record);
                        for (Listener l : following) {
                            handed.add(l);
                            if (!l.accept(change)) {
                                remove(record.topic(), l);
                            }
                        }
                    }
                    handed.forEach(Listener::flush);
                } catch (WakeupException e) {
                    // closing
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: the change feed stopped: {}", name, DeadLetters.describe(e), e);
            listeners.forEach((topic, list) -> list.forEach(l -> l.failed("the server's change feed stopped: " + DeadLetters.describe(e))));
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Releases this user; the last user of a shared feed (or the client of a private one) stops it. */
    @Override
    public void close() {
        if (sharedKey != null) {
            synchronized (SHARED) {
                if (--users > 0) {
                    return;
                }
                SHARED.remove(sharedKey);
            }
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
