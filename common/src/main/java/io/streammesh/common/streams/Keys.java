package io.streammesh.common.streams;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite's one key rule (spec, "Common rules"): every input record takes part in a join or a table
 * under the key its value names ({@link Topic#keyOf}, e.g. its {@code job_id}; the record's own key
 * when the value names none), on the partition Kafka's Java producers give that key
 * ({@code murmur2(key) % partitions}).
 *
 * <p>A record that already has that key and sits on that partition goes straight through: Java
 * producers pay one hash. Every other record is re-keyed and sent through the service's repartition
 * topic {@code <application.id>-<input>-rekeyed-repartition}, and counted
 * ({@code streammesh_records_rerouted_total{topic,reason}}):
 * <ul>
 *   <li>{@value #MISSING_KEY}: the record has no key;</li>
 *   <li>{@value #OTHER_KEY}: its key is not the one its value names (the value wins);</li>
 *   <li>{@value #MISPLACED}: right key, wrong partition. A librdkafka-based producer (Python's
 *       confluent-kafka, kcat, Go, .NET) hashes keys with CRC32 by default; a plain Kafka Streams
 *       topology would silently miss those joins. One WARN per input topic names the cause and the
 *       producer setting that avoids the extra hop.</li>
 * </ul>
 * Tombstones, by an explicit policy of the reader: read as a changelog ({@link #changelog}: a table
 * topic, or a stream a service keeps the latest record of per key, such as {@code stations.info}) a
 * tombstone deletes its key and is placed by that key; read as events ({@link #stream} on a stream
 * topic) a tombstone carries nothing to process. Those, a tombstone without a key, and a value that
 * names no key on a record without one throw, so the runtime dead-letters them with the reason.
 *
 * <p>Per key, order is kept within each path; a key whose records arrive both in place and misplaced
 * (two producers with different partitioners) can see them interleaved by the extra hop.
 */
public final class Keys {

    public static final String MISSING_KEY = "missing-key";
    public static final String OTHER_KEY = "other-key";
    public static final String MISPLACED = "misplaced";

    private static final Logger LOG = LoggerFactory.getLogger(Keys.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Keys() {
    }

    /** The partition Kafka's Java default partitioner gives a (UTF-8) key. */
    public static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * {@code topic} as a stream keyed by the key rule, ready for a join or a table; tombstones as its
     * kind says (a table's delete their key, a stream's are dead-lettered). The partition count
     * checked against is {@link ServiceConfig#inputPartitions}, which the runtime reads from the
     * broker. Processor and repartition names derive from the topic name, so they are stable.
     */
    public static <V> KStream<String, V> stream(StreamsBuilder builder, Topic<V> topic, ServiceConfig config) {
        return read(builder, topic, config, topic.isTable());
    }

    /**
     * {@code topic} read as a changelog, whatever its kind: the service keeps the latest record per
     * key, and a tombstone (with a key) deletes it, e.g. a station retracted from {@code stations.info}.
     */
    public static <V> KStream<String, V> changelog(StreamsBuilder builder, Topic<V> topic, ServiceConfig config) {
        return read(builder, topic, config, true);
    }

    private static <V> KStream<String, V> read(StreamsBuilder builder, Topic<V> topic, ServiceConfig config, boolean tombstonesDelete) {
        String base = baseName(topic);
        KStream<String, V> source = builder.stream(topic.name(),
                Consumed.with(Serdes.String(), topic.serde()).withName(base + "-source"));
        return keyed(source, topic, config.inputPartitions(topic.name()), base, tombstonesDelete);
    }

    /** {@code stations.info} -> {@code stations-info}: processor and internal topic names. */
    public static String baseName(Topic<?> topic) {
        return topic.name().replace('.', '-').replace('_', '-');
    }

    private static <V> KStream<String, V> keyed(KStream<String, V> source, Topic<V> topic, int partitions, String base,
                                                boolean tombstonesDelete) {
        String prefix = base + "-";
        String inPlace = prefix + "keyed";
        String toRekey = prefix + "key-from-value";
        // The placement processor forwards each record to one named child: in place straight to the merge
        // (one hop, no wrapper, no branch predicate), the others to the re-keying path. A split/branch/merge
        // cost every record three more processor nodes and an object (bench profile, issue 12).
        KStream<String, V> placed = source.processValues(
                () -> new Placement<>(topic, partitions, tombstonesDelete, inPlace, toRekey), Named.as(prefix + "key-rule"));
        KStream<String, V> rekeyed = placed
                .selectKey((key, value) -> keyFor(topic, key, value, tombstonesDelete), Named.as(toRekey))
                .repartition(Repartitioned.with(Serdes.String(), topic.serde()).withName(prefix + "rekeyed"));
        return placed.merge(rekeyed, Named.as(inPlace));
    }

    /** Decides, per record, its key and whether it is in place; sends it on the matching path; counts and reports the others. */
    static final class Placement<V> implements FixedKeyProcessor<String, V, V> {
        private final Topic<V> topic;
        private final int partitions;
        private final boolean tombstonesDelete;
        private final String inPlaceChild;
        private final String toRekeyChild;
        private FixedKeyProcessorContext<String, V> context;

        Placement(Topic<V> topic, int partitions, boolean tombstonesDelete, String inPlaceChild, String toRekeyChild) {
            this.topic = topic;
            this.partitions = partitions;
            this.tombstonesDelete = tombstonesDelete;
            this.inPlaceChild = inPlaceChild;
            this.toRekeyChild = toRekeyChild;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, V> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            String key = keyFor(topic, record.key(), record.value(), tombstonesDelete);
            String reason = record.key() == null ? MISSING_KEY : !key.equals(record.key()) ? OTHER_KEY
                    : onOtherPartition(key) ? MISPLACED : null;
            if (reason == null) {
                context.forward(record, inPlaceChild);
                return;
            }
            report(context.applicationId(), reason);
            context.forward(record, toRekeyChild);
        }
        private boolean onOtherPartition(String key) {
            RecordMetadata where = context.recordMetadata().orElse(null);
            return where != null && where.partition() >= 0 && partitions > 1 && partitionFor(key, partitions) != where.partition();
        }

        private void report(String applicationId, String reason) {
            long n = RecordCounters.rerouted(applicationId, topic.name(), reason);
            if (n == 1 && WARNED.add(applicationId + "/" + topic.name() + "/" + reason)) {
                if (reason.equals(MISPLACED)) {
                    LOG.warn("{}: records of {} are not on the partition Kafka's Java producers give their key"
                                    + " (murmur2(key) % {}); they are re-routed through a repartition topic before the join,"
                                    + " which costs an extra hop. Likely cause: a librdkafka-based producer (Python confluent-kafka,"
                                    + " kcat, Go, .NET) with its default CRC32 partitioner: set partitioner=murmur2_random in that"
                                    + " producer. Counted as streammesh_records_rerouted_total{topic=\"{}\",reason=\"{}\"}.",
                            applicationId, topic.name(), partitions, topic.name(), reason);
                } else {
                    LOG.info("{}: records of {} with {} are re-keyed by their {} through a repartition topic"
                                    + " (counted as streammesh_records_rerouted_total{topic=\"{}\",reason=\"{}\"}).",
                            applicationId, topic.name(), reason.equals(MISSING_KEY) ? "no key" : "a key other than their value's",
                            topic.keyField().orElse("key"), topic.name(), reason);
                }
            }
        }
    }

    /**
     * The key a record of {@code topic} belongs under: the key its value names, else its own key.
     * Throws (the runtime dead-letters the record) when there is none, or for a tombstone read as an
     * event ({@code tombstonesDelete} false).
     */
    public static <V> String keyFor(Topic<V> topic, String recordKey, V value, boolean tombstonesDelete) {
        if (value == null) {
            if (!tombstonesDelete) {
                throw new IllegalArgumentException("a record without a value (tombstone) on stream " + topic.name()
                        + ": there is nothing to process");
            }
            if (recordKey == null) {
                throw new IllegalArgumentException("a tombstone without a key on " + topic.name() + ": there is nothing it could delete");
            }
            return recordKey;
        }
        String named = topic.keyOf(value);
        if (named != null) {
            return named;
        }
        if (recordKey == null) {
            throw new IllegalArgumentException("the record has no key and its value has no " + topic.keyField().orElse("key")
                    + " to derive it from");
        }
        return recordKey;
    }

    /** {@link #keyFor(Topic, String, Object, boolean)} with tombstones as the topic's kind says. */
    public static <V> String keyFor(Topic<V> topic, String recordKey, V value) {
        return keyFor(topic, recordKey, value, topic.isTable());
    }
}
