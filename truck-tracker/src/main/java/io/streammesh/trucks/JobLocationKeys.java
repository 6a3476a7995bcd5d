package io.streammesh.trucks;

import io.streammesh.trucks.model.JobLocation;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Keys {@code joblocation} updates by job id (spec: a missing key is derived from the value, here
 * its {@code id}). Only rows whose key is not already their id are re-keyed and repartitioned
 * (through {@code <application.id>-joblocation-by-job-id-repartition}); rows keyed by their id, and
 * tombstones (which carry nothing but their key), go straight to the table.
 */
final class JobLocationKeys {

    private JobLocationKeys() {
    }

    static KStream<String, JobLocation> byJobId(KStream<String, JobLocation> updates, Serde<JobLocation> serde) {
        Map<String, KStream<String, JobLocation>> branches = updates.split(Named.as("joblocation-"))
                .branch(JobLocationKeys::isKeyedByJobId, Branched.as("keyed-by-job-id"))
                .defaultBranch(Branched.as("other-key"));
        KStream<String, JobLocation> rekeyed = branches.get("joblocation-other-key")
                .selectKey((key, location) -> location.id(), Named.as("joblocation-select-job-id"))
                .repartition(Repartitioned.with(Serdes.String(), serde).withName("joblocation-by-job-id"));
        return branches.get("joblocation-keyed-by-job-id").merge(rekeyed, Named.as("joblocation-by-job-id"));
    }

    static boolean isKeyedByJobId(String key, JobLocation location) {
        if (location == null) {
            if (key == null) {
                throw new IllegalArgumentException("joblocation tombstone without a key: no job to delete");
            }
            return true;
        }
        if (location.id() == null || location.id().isBlank()) {
            if (key == null) {
                throw new IllegalArgumentException("job id is missing: no record key and no id in the value");
            }
            return true;
        }
        return location.id().equals(key);
    }
}
