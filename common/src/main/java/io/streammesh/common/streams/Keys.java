package io.streammesh.common.streams;

import io.streammesh.common.runtime.RecordCounters;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Spec, "Common rules": a record's key, when missing, is derived from the value, so producers that
 * send null keys still co-partition correctly.
 */
public final class Keys {

    /** The {@link RecordCounters} reason for a tombstone that has no key: there is nothing it could delete. */
    public static final String TOMBSTONE_WITHOUT_KEY = "tombstone-without-key";

    private Keys() {
    }

    /**
     * {@code stream} with every null key replaced by {@code keyOf(value)}. A null-keyed record sits on
     * whatever partition the producer picked, so only those records go through a repartition topic
     * ({@code <application.id>-<name>-rekeyed-repartition}); keyed records pass straight through and
     * the result needs no further repartitioning. A null-keyed tombstone is dropped and counted; a
     * value that yields no key throws, which dead-letters the record.
     *
     * @param name    prefix of the processor and repartition topic names; stable names keep upgrades compatible
     * @param service the service name the drop counter is reported under
     */
    public static <V> KStream<String, V> fillMissing(KStream<String, V> stream, Function<? super V, String> keyOf,
                                                     Serde<V> valueSerde, String name, String service) {
        Map<String, KStream<String, V>> branches = stream.split(Named.as(name + "-"))
                .branch((key, value) -> key != null, Branched.as("keyed"))
                .defaultBranch(Branched.as("unkeyed"));
        KStream<String, V> rekeyed = branches.get(name + "-unkeyed")
                .filter((key, value) -> {
                    if (value == null) {
                        RecordCounters.dropped(service, TOMBSTONE_WITHOUT_KEY, name);
                        return false;
                    }
                    return true;
                }, Named.as(name + "-drop-unkeyed-tombstones"))
                .selectKey((key, value) -> {
                    String derived = keyOf.apply(value);
                    if (derived == null || derived.isEmpty()) {
                        throw new IllegalArgumentException("record has no key and its value has none to derive it from");
                    }
                    return derived;
                }, Named.as(name + "-key-from-value"))
                .repartition(Repartitioned.with(Serdes.String(), valueSerde).withName(name + "-rekeyed"));
        return branches.get(name + "-keyed").merge(rekeyed, Named.as(name + "-with-keys"));
    }
}
