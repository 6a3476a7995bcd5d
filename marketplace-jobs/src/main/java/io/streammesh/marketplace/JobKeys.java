package io.streammesh.marketplace;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Makes a marketplace input keyed by its {@code job_id} (spec: a missing key is derived from the
 * value, so producers that send null keys still co-partition).
 *
 * <p>Only records whose key is not already their job id pay for a repartition: those are re-keyed
 * and sent through {@code <application.id>-<name>-by-job-id-repartition}; records keyed by their job
 * id (what our producers send) go straight to the join. This relies on the assumption all of Kafka
 * Streams makes about keyed input topics: a record keyed {@code "42"} sits in the partition the
 * default partitioner gives {@code "42"}. Because a repartitioned record can reach the join a little
 * after a direct one, the join's grace period covers the difference.
 */
final class JobKeys {

    private JobKeys() {
    }

    static <V> KStream<String, V> byJobId(KStream<String, V> input, Function<V, Long> jobId, Serde<V> serde, String name) {
        String prefix = name + "-";
        Map<String, KStream<String, V>> branches = input.split(Named.as(prefix))
                .branch((key, value) -> isKeyedBy(key, jobId.apply(present(value, name))), Branched.as("keyed-by-job-id"))
                .defaultBranch(Branched.as("other-key"));
        KStream<String, V> rekeyed = branches.get(prefix + "other-key")
                .selectKey((key, value) -> key(jobId.apply(value)), Named.as(prefix + "select-job-id"))
                .repartition(Repartitioned.with(Serdes.String(), serde).withName(prefix + "by-job-id"));
        return branches.get(prefix + "keyed-by-job-id").merge(rekeyed, Named.as(prefix + "by-job-id"));
    }

    static String key(long jobId) {
        return Long.toString(jobId);
    }

    static boolean isKeyedBy(String key, long jobId) {
        return key != null && key.equals(key(jobId));
    }

    /** A tombstone on a stream carries no job_id: it goes to the dead-letter topic like any record missing one. */
    private static <V> V present(V value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " record has no value (job_id is missing)");
        }
        return value;
    }
}
