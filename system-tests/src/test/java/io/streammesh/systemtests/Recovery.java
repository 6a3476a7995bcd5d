package io.streammesh.systemtests;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How long a group takes to process again after a kill: from the kill until the committed offset of
 * every partition of its live input that has new records has moved past where it was at the kill, so
 * the partitions of the killed instance are being processed again by someone. Measured, printed,
 * never asserted (timings belong to the benchmark).
 */
final class Recovery {

    private Recovery() {
    }

    static Map<TopicPartition, Long> committed(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, Long> result = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        offsets.forEach((tp, o) -> {
            if (o != null && topics.contains(tp.topic())) {
                result.put(tp, o.offset());
            }
        });
        return result;
    }

    static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String t : topics) {
            for (int p = 0; p < io.streammesh.contracts.Topics.PARTITIONS; p++) {
                request.put(new TopicPartition(t, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, i) -> ends.put(tp, i.offset()));
        return ends;
    }

    /** Milliseconds from {@code since} (System.nanoTime of the kill) to the group processing every partition again; -1 past {@code max}. */
    static long measure(Admin admin, String group, List<String> topics, Map<TopicPartition, Long> atKill, long since, Duration max) {
        long deadline = since + max.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, Long> now = committed(admin, group, topics);
                Map<TopicPartition, Long> ends = ends(admin, topics);
                boolean all = true;
                for (Map.Entry<TopicPartition, Long> e : atKill.entrySet()) {
                    long c = now.getOrDefault(e.getKey(), e.getValue());
                    // a partition without new records (a transaction marker aside) has nothing to process
                    boolean idle = ends.getOrDefault(e.getKey(), 0L) <= e.getValue() + 1;
                    if (c <= e.getValue() && !idle) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
                }
            } catch (Exception e) {
                // the broker may be restarting; keep asking until the deadline
            }
            Sleep.millis(200);
        }
        return -1;
    }
}
