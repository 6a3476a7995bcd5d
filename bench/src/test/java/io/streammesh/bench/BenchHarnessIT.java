package io.streammesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness cannot report a rate for a run whose inputs went away: the same pass-through
 * workload passes its checks on an intact input and fails, with the reason, when its input records
 * are deleted (Admin.deleteRecords) while it runs, as the broker's retention once did.
 */
class BenchHarnessIT {

    @TempDir
    Path work;

    @Test
    void aWorkloadWhoseInputsAreDeletedMidRunIsFailedNotARate() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("broker")).start()) {
            Workload passThrough = new Workloads.PassThroughWorkload();
            BenchApp bench = new BenchApp();
            bench.quick = true;
            BenchApp.createTopics(broker, List.of(passThrough));
            Set<String> loaded = new HashSet<>();

            Results.Row intact = bench.measure(broker, passThrough, 1, 0, work, loaded, "it-intact", 1);
            assertThat(intact.status()).as(intact.note()).isEqualTo(Results.OK);
            assertThat(intact.recordsPerSecond()).isPositive();

            bench.afterStart = (w, b) -> deleteEverything(b, w.measuredTopics());
            Results.Row deleted = bench.measure(broker, passThrough, 1, 0, work, loaded, "it-deleted", 1);
            assertThat(deleted.status()).isEqualTo(Results.FAILED);
            assertThat(deleted.recordsPerSecond()).isNull();
            assertThat(deleted.note()).contains("inputs deleted during the run: log start offset moved on " + Workloads.PASS_THROUGH_IN);
        }
    }

    private static void deleteEverything(EmbeddedKafkaBroker broker, List<String> topics) {
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, RecordsToDelete> all = new LinkedHashMap<>();
            BenchApp.partitionOffsets(admin, topics, OffsetSpec.latest()).forEach((tp, end) -> all.put(tp, RecordsToDelete.beforeOffset(end)));
            admin.deleteRecords(all).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
