package io.streammesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A workload's progress counts what its group consumed since each partition's log start, nothing deleted before it. */
class ProgressTest {

    private static final TopicPartition IN_0 = new TopicPartition("in", 0);
    private static final TopicPartition IN_1 = new TopicPartition("in", 1);
    private static final TopicPartition TABLE_0 = new TopicPartition("table", 0);

    @Test
    void aReloadedPartitionNotCommittedYetHasConsumedNothing() {
        // a reload deleted 1,000 records of each partition; the group has committed 10 records of partition 0 only
        Map<TopicPartition, Long> logStart = Map.of(IN_0, 1_000L, IN_1, 1_000L);
        Map<TopicPartition, Long> committed = Map.of(IN_0, 1_010L);

        assertThat(Progress.consumed(committed, logStart, List.of("in"))).isEqualTo(10);
    }

    @Test
    void countsOnlyTheMeasuredTopics() {
        Map<TopicPartition, Long> logStart = Map.of(IN_0, 0L, IN_1, 0L, TABLE_0, 0L);
        Map<TopicPartition, Long> committed = Map.of(IN_0, 5L, IN_1, 7L, TABLE_0, 100L);

        assertThat(Progress.consumed(committed, logStart, List.of("in"))).isEqualTo(12);
    }

    @Test
    void nothingCommittedIsNoProgress() {
        assertThat(Progress.consumed(Map.of(), Map.of(IN_0, 1_000L), List.of("in"))).isZero();
    }
}
