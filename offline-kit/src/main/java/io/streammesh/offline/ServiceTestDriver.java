package io.streammesh.offline;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.common.query.QueryableTable;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs a service's topology offline on {@link TopologyTestDriver} with the exact properties the
 * runtime uses (dead-letter handlers included) and record caches off, so every update is emitted.
 * The replay tool and the services' topology tests both use it.
 *
 * <p>Records go in as JSON text (or objects, written with the suite's JSON mapping) with a
 * timestamp; wall-clock time follows the records' timestamps. {@link #drain()} returns everything
 * emitted since the last call, dead-letter records included, in the order the inputs produced them.
 * (TopologyTestDriver drops the dead-letter records of deserialization failures; this driver
 * captures them from the handler so offline runs show the same dead letters as the broker.)
 */
public final class ServiceTestDriver implements AutoCloseable {

    /** One record a topology emitted. {@code value} is the JSON text, or null for a tombstone. */
    public record Output(String topic, String key, String value, long timestamp, Map<String, String> headers) {
        public <T> T valueAs(Class<T> type) {
            return value == null ? null : Json.read(value, type);
        }

        public boolean isTombstone() {
            return value == null;
        }
    }

    private static final ThreadLocal<List<ProducerRecord<byte[], byte[]>>> CAPTURED = ThreadLocal.withInitial(ArrayList::new);

    private final Topology topology;
    private final Properties props;
    private final String deadLetterTopic;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new LinkedHashMap<>();
    private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new LinkedHashMap<>();
    private TopologyTestDriver driver;
    private long wallClock = Long.MIN_VALUE;

    private ServiceTestDriver(Topology topology, Properties props) {
        this.topology = topology;
        this.props = props;
        this.deadLetterTopic = Topics.deadLetter(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).name();
    }

    public static ServiceTestDriver of(StreamService service) {
        return of(service, ServiceConfig.empty());
    }

    /**
     * A driver for {@code service} built with {@code config}. TopologyTestDriver puts every record on
     * partition 0 of a one-partition topic, so unless {@code config} says otherwise the key rule is
     * told each input has one partition (a test of the rule sets {@code input.partitions.<topic>}).
     */
    public static ServiceTestDriver of(StreamService service, ServiceConfig given) {
        Map<String, Integer> onePartition = new java.util.TreeMap<>();
        TopologyTopics.of(service.build(given)).inputs().forEach(topic -> onePartition.put(topic, 1));
        onePartition.keySet().removeIf(topic -> given.settings().containsKey("input.partitions." + topic));
        ServiceConfig config = given.withInputPartitions(onePartition);
        Properties props = ServiceRuntime.streamsProperties(service, config);
        props.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // offline, records are processed in the order they are piped: nothing to wait for
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CapturingDeserializationHandler.class.getName());
        return new ServiceTestDriver(service.build(config), props);
    }

    /** Pipes a JSON text (null = tombstone) to {@code topic} at {@code timestamp} (epoch ms). */
    public ServiceTestDriver pipeJson(String topic, String key, String json, long timestamp) {
        return pipeBytes(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    /**
     * One line of the replay format: {@code {"topic": ..., "key": ... | null, "value": {...} | null,
     * "timestamp": <epoch ms>}}. A value given as a JSON string stands for those raw bytes, so a
     * malformed record can be recorded and replayed; a missing timestamp is null.
     */
    public record ReplayRecord(String topic, String key, String value, Long timestamp) {

        public static ReplayRecord parse(String line) {
            com.fasterxml.jackson.databind.JsonNode record = Json.tree(line);
            com.fasterxml.jackson.databind.JsonNode topic = record.get("topic");
            if (topic == null || topic.isNull()) {
                throw new IllegalArgumentException("no \"topic\"");
            }
            com.fasterxml.jackson.databind.JsonNode key = record.get("key");
            com.fasterxml.jackson.databind.JsonNode value = record.get("value");
            com.fasterxml.jackson.databind.JsonNode ts = record.get("timestamp");
            return new ReplayRecord(topic.asText(), key == null || key.isNull() ? null : key.asText(),
                    value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString(),
                    ts == null || ts.isNull() ? null : ts.asLong());
        }
    }

    /** Pipes one replay-format record (at {@code defaultTimestamp} when it has none) and returns what it emitted. */
    public List<Output> pipe(ReplayRecord record, long defaultTimestamp) {
        pipeJson(record.topic(), record.key(), record.value(), record.timestamp() == null ? defaultTimestamp : record.timestamp());
        return drain();
    }

    /** Replays a whole JSONL recording (blank lines skipped) through {@code service}; returns everything emitted, in order. */
    public static List<Output> replay(StreamService service, java.io.InputStream jsonl) throws java.io.IOException {
        List<Output> out = new ArrayList<>();
        replay(service, ServiceConfig.empty(),
                new java.io.BufferedReader(new java.io.InputStreamReader(jsonl, StandardCharsets.UTF_8)), out::add);
        return out;
    }

    /** What a replay read and wrote: input records piped, outputs per topic, records of topics the service does not read. */
    public record ReplaySummary(long inputs, Map<String, Long> outputs, Map<String, Long> skipped) {
        public long outputCount() {
            return outputs.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The replay loop: pipes each line of {@code jsonl} (replay format, blank lines skipped) in file
     * order, a record without a timestamp at the latest timestamp seen so far, and hands every emitted
     * record to {@code out} as it comes. Records of topics {@code service} does not read are counted,
     * not piped. A malformed line fails with its line number.
     */
    public static ReplaySummary replay(StreamService service, ServiceConfig config, java.io.BufferedReader jsonl,
                                       java.util.function.Consumer<Output> out) throws java.io.IOException {
        try (ServiceTestDriver driver = of(service, config)) {
            return driver.replay(jsonl, out);
        }
    }

    /** The replay loop on this driver, whose stores the caller can read afterwards. */
    public ReplaySummary replay(java.io.BufferedReader jsonl, java.util.function.Consumer<Output> out) throws java.io.IOException {
        Set<String> inputs = TopologyTopics.of(topology).inputs();
        Map<String, Long> outputs = new java.util.TreeMap<>();
        Map<String, Long> skipped = new java.util.TreeMap<>();
        long read = 0;
        long last = 0;
        int lineNo = 0;
        String line;
        while ((line = jsonl.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            ReplayRecord record;
            try {
                record = ReplayRecord.parse(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + lineNo + ": " + e.getMessage(), e);
            }
            if (!inputs.contains(record.topic())) {
                skipped.merge(record.topic(), 1L, Long::sum);
                continue;
            }
            read++;
            for (Output o : pipe(record, last)) {
                outputs.merge(o.topic(), 1L, Long::sum);
                out.accept(o);
            }
            last = record.timestamp() == null ? last : Math.max(last, record.timestamp());
        }
        return new ReplaySummary(read, outputs, skipped);
    }

    /** Pipes a value object, written with the suite's JSON mapping (null = tombstone). */
    public ServiceTestDriver pipe(String topic, String key, Object value, long timestamp) {
        return pipeJson(topic, key, value == null ? null : Json.write(value), timestamp);
    }

    public ServiceTestDriver pipe(String topic, String key, Object value, Instant timestamp) {
        return pipe(topic, key, value, timestamp.toEpochMilli());
    }

    public ServiceTestDriver pipeBytes(String topic, byte[] key, byte[] value, long timestamp) {
        advanceWallClockTo(timestamp);
        inputs.computeIfAbsent(topic, t -> driver().createInputTopic(t, new ByteArraySerializer(), new ByteArraySerializer()))
                .pipeInput(new TestRecord<>(key, value, new RecordHeaders(), Instant.ofEpochMilli(timestamp)));
        collect();
        return this;
    }

    /** Moves wall-clock time (punctuations) forward to {@code timestamp}; never backwards. */
    public void advanceWallClockTo(long timestamp) {
        if (driver == null) {
            wallClock = timestamp;
            driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(timestamp));
            for (String topic : outputTopics()) {
                outputs.put(topic, driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            }
            outputs.put(deadLetterTopic, driver.createOutputTopic(deadLetterTopic, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        } else if (timestamp > wallClock) {
            driver.advanceWallClockTime(Duration.ofMillis(timestamp - wallClock));
            wallClock = timestamp;
            collect();
        }
    }

    private final List<Output> pending = new ArrayList<>();

    private void collect() {
        for (ProducerRecord<byte[], byte[]> dead : CAPTURED.get()) {
            pending.add(new Output(dead.topic(), text(dead.key()), text(dead.value()),
                    dead.timestamp() == null ? wallClock : dead.timestamp(), headers(dead.headers())));
        }
        CAPTURED.get().clear();
        for (Map.Entry<String, TestOutputTopic<byte[], byte[]>> e : outputs.entrySet()) {
            for (TestRecord<byte[], byte[]> r : e.getValue().readRecordsToList()) {
                pending.add(new Output(e.getKey(), text(r.key()), text(r.value()),
                        r.timestamp() == null ? wallClock : r.timestamp(), headers(r.headers())));
            }
        }
    }

    /** Everything emitted since the last drain, in emission order (per input record; topics in topology order within one). */
    public List<Output> drain() {
        collect();
        List<Output> result = List.copyOf(pending);
        pending.clear();
        return result;
    }

    /** Drains and keeps only {@code topic}'s records (others are discarded). */
    public List<Output> drain(String topic) {
        return drain().stream().filter(o -> o.topic().equals(topic)).toList();
    }

    /**
     * What the query API would serve of each table {@code service} declares ({@link StreamService#tables()})
     * that it also writes, read out of this driver's stores: table name -> key -> row. Compare it with
     * {@link #latest} of what the topology emitted to hold the two equal.
     */
    public Map<String, Map<String, Object>> servedTables(StreamService service) {
        Set<String> written = TopologyTopics.of(topology).outputs();
        Map<String, Map<String, Object>> tables = new java.util.TreeMap<>();
        for (QueryableTable<?> table : service.tables()) {
            if (!written.contains(table.name())) {
                continue;
            }
            Map<String, Object> rows = new java.util.TreeMap<>();
            org.apache.kafka.streams.state.KeyValueStore<String, Object> store = driver().getKeyValueStore(table.store());
            try (var all = store.all()) {
                all.forEachRemaining(kv -> {
                    Object row = table.rowOf(kv.value);
                    if (row != null) {
                        rows.put(kv.key, row);
                    }
                });
            }
            tables.put(table.name(), rows);
        }
        return tables;
    }

    /** The latest value per key of each table topic among {@code outputs} (tombstones delete), as the topic's record. */
    public static Map<String, Map<String, Object>> latest(List<Output> outputs) {
        Map<String, Map<String, Object>> tables = new java.util.TreeMap<>();
        for (Output o : outputs) {
            Topics.find(o.topic()).filter(Topic::isTable).ifPresent(topic -> {
                Map<String, Object> rows = tables.computeIfAbsent(topic.name(), t -> new java.util.TreeMap<>());
                if (o.isTombstone()) {
                    rows.remove(o.key());
                } else {
                    rows.put(o.key(), o.valueAs(topic.valueType()));
                }
            });
        }
        return tables;
    }

    /** The user topics the topology writes, plus its dead-letter topic. */
    public Set<String> outputTopics() {
        Set<String> topics = new TreeSet<>(TopologyTopics.of(topology).outputs());
        topics.add(deadLetterTopic);
        return topics;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** The underlying driver, for state-store assertions. Created on the first piped record. */
    public TopologyTestDriver driver() {
        if (driver == null) {
            advanceWallClockTo(0);
        }
        return driver;
    }

    @Override
    public void close() {
        CAPTURED.get().clear();
        if (driver != null) {
            driver.close();
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> result = new LinkedHashMap<>();
        if (headers != null) {
            for (Header h : headers) {
                result.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static Headers copy(Headers h) {
        return new RecordHeaders(h.toArray());
    }

    /** The runtime's handler, plus a copy of its dead-letter records for the driver to emit. */
    public static final class CapturingDeserializationHandler extends DeadLetters.OnDeserialization {
        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            Response response = super.handleError(context, record, exception);
            for (ProducerRecord<byte[], byte[]> r : response.deadLetterQueueRecords()) {
                CAPTURED.get().add(new ProducerRecord<>(r.topic(), null, record.timestamp(), r.key(), r.value(), copy(r.headers())));
            }
            return response;
        }
    }
}
