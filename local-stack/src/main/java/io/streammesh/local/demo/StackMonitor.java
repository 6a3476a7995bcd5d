package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.config.ClientProperties;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the running stack for the status line and {@code /api/status}: records per second per
 * topic (from {@link PageState}'s counts over the last few seconds), consumer lag per service (its
 * group's committed offsets against the end of each partition), dead-letter counts, and per service
 * the input records the key rule re-routed, by topic ({@link RecordCounters#rerouted(String)}).
 */
public final class StackMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StackMonitor.class);
    static final long RATE_WINDOW_MS = 5000;
    /** What a non-zero re-routed count means, for the page. */
    static final String REROUTED_HINT = "input records the key rule re-keyed or moved to their key's partition before a join:"
            + " a producer without a key, with another key than the value's, or partitioning unlike Kafka's Java client"
            + " (librdkafka, kcat, Python: set partitioner=murmur2_random). Correct, but each costs a trip through a repartition topic.";

    private record Sample(long at, Map<String, Long> records) {
    }

    private final PageState state;
    private final Supplier<Collection<Component>> components;
    private final Admin admin;
    private final ScheduledExecutorService timer;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Map<String, Long> lag = new ConcurrentHashMap<>();
    private final Map<String, Object> info;
    private final long startedAt = System.currentTimeMillis();
    private volatile Map<String, Double> rates = Map.of();

    /** {@code info}: static facts shown in the status (bootstrap servers, web port, log file ...). */
    public StackMonitor(ServiceConfig cluster, PageState state, Supplier<Collection<Component>> components,
                        Map<String, Object> info) {
        this.state = state;
        this.components = components;
        this.info = info;
        Properties props = ClientProperties.admin(cluster);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        this.admin = Admin.create(props);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    public StackMonitor start() {
        timer.scheduleWithFixedDelay(this::sampleRates, 0, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::sampleLag, 1, 2, TimeUnit.SECONDS);
        return this;
    }

    private void sampleRates() {
        long now = System.currentTimeMillis();
        Map<String, Long> records = new HashMap<>();
        state.counts().forEach((t, c) -> records.put(t, c.records()));
        synchronized (samples) {
            samples.addLast(new Sample(now, records));
            while (samples.size() > 2 && samples.peekFirst().at() < now - RATE_WINDOW_MS) {
                samples.removeFirst();
            }
            rates = rates(samples.peekFirst(), samples.peekLast());
        }
    }

    static Map<String, Double> rates(Sample first, Sample last) {
        Map<String, Double> result = new HashMap<>();
        double seconds = (last.at() - first.at()) / 1000.0;
        if (seconds <= 0) {
            return result;
        }
        last.records().forEach((t, n) -> result.put(t, (n - first.records().getOrDefault(t, 0L)) / seconds));
        return result;
    }

    private void sampleLag() {
        for (Component c : components.get()) {
            if (c.group() == null) {
                continue;
            }
            try {
                lag.put(c.name(), lag(c.group()));
            } catch (Exception e) {
                LOG.debug("lag of {} not available: {}", c.group(), e.toString());
            }
        }
    }

    private long lag(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        if (latest.isEmpty()) {
            return 0;
        }
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(5, TimeUnit.SECONDS);
        long total = 0;
        for (var e : committed.entrySet()) {
            if (e.getValue() != null && ends.containsKey(e.getKey())) {
                total += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
            }
        }
        return total;
    }

    /** Where a topic sits in the pipeline: written by the producers, by a service, or a dead-letter topic. */
    static String role(String topic) {
        if (topic.endsWith(".dlq")) {
            return "dlq";
        }
        return Topics.find(topic).flatMap(Topic::producer).isPresent() ? "input" : "output";
    }

    /** The whole status as JSON: what {@code /api/status} serves and the terminal shows. */
    public ObjectNode status() {
        long now = System.currentTimeMillis();
        ObjectNode root = Json.MAPPER.createObjectNode();
        info.forEach((k, v) -> root.set(k, Json.MAPPER.valueToTree(v)));
        root.put("started_at", startedAt);
        root.put("uptime_seconds", (now - startedAt) / 1000);
        Map<String, PageState.TopicCount> counts = state.counts();
        Map<String, Double> currentRates = rates;
        ArrayNode topics = root.putArray("topics");
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        Topics.ALL.forEach(t -> names.add(t.name()));
        names.addAll(counts.keySet());
        long deadLetters = 0;
        for (String name : names) {
            PageState.TopicCount c = counts.getOrDefault(name, new PageState.TopicCount(0, 0, 0, 0, 0));
            ObjectNode t = topics.addObject();
            t.put("name", name);
            t.put("kind", Topics.spec(name).kind().name().toLowerCase());
            t.put("role", role(name));
            t.put("records", c.records());
            t.put("rate", Math.round(currentRates.getOrDefault(name, 0.0) * 10) / 10.0);
            t.put("last_timestamp", c.lastTimestamp());
            t.put("live_keys", c.liveKeys());
            if (name.endsWith(".dlq")) {
                deadLetters += c.records();
            }
        }
        root.put("dead_letters", deadLetters);
        ArrayNode list = root.putArray("components");
        for (Component c : components.get()) {
            ObjectNode o = list.addObject();
            o.put("name", c.name());
            o.put("kind", c.kind().name().toLowerCase());
            o.put("state", c.currentState());
            if (c.httpPort() > 0) {
                o.put("http_port", c.httpPort());
            }
            if (c.group() != null) {
                o.put("group", c.group());
                Long l = lag.get(c.name());
                if (l == null) {
                    o.putNull("lag");
                } else {
                    o.put("lag", l);
                }
            }
            if (c.kind() == Component.Kind.SERVICE && c.group() != null) {
                Map<String, Long> rerouted = RecordCounters.rerouted(c.group());
                o.set("rerouted", Json.MAPPER.valueToTree(rerouted));
                if (rerouted.values().stream().anyMatch(n -> n > 0)) {
                    o.put("rerouted_hint", REROUTED_HINT);
                }
            }
            if (c.deadLetters() != null) {
                o.put("dead_letter_topic", c.deadLetters());
                o.put("dead_letters", counts.getOrDefault(c.deadLetters(), new PageState.TopicCount(0, 0, 0, 0, 0)).records());
            }
        }
        return root;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
