package io.streammesh.bench;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** How far a group has consumed a workload's inputs, the figure its rate is timed on. */
final class Progress {

    private Progress() {
    }

    /**
     * Records of {@code topics} the group has consumed, counted per partition from the partition's log
     * start: a partition the group has not committed yet has consumed none. A reload deletes what a
     * topic held before (its log start moves to the old end), so absolute offsets would count those
     * deleted records as consumed the moment any partition committed.
     *
     * @param committed the group's committed offsets (partitions it has not committed are absent)
     * @param logStart  the log start offset of every partition of the inputs, taken when the run began
     */
    static long consumed(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> logStart, List<String> topics) {
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> e : logStart.entrySet()) {
            if (topics.contains(e.getKey().topic())) {
                Long offset = committed.get(e.getKey());
                sum += offset == null ? 0 : Math.max(0, offset - e.getValue());
            }
        }
        return sum;
    }
}
