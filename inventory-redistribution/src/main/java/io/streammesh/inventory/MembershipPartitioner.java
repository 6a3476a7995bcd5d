package io.streammesh.inventory;

import io.streammesh.inventory.model.MembershipChange;
import io.streammesh.inventory.model.MembershipChange.Role;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Routes membership changes to the matcher's tasks (see {@link RegionMatcher}): a source's change
 * to its owner, the partition of its station_id (the default partitioner, key = station_id); a
 * destination's change to every partition, since any task may own a source it pairs with.
 */
final class MembershipPartitioner implements StreamPartitioner<String, MembershipChange> {

    private Optional<Set<Integer>> all = Optional.of(Set.of());

    @Override
    public Optional<Set<Integer>> partitions(String topic, String stationId, MembershipChange change, int numPartitions) {
        if (change.role() == Role.DESTINATION) {
            if (all.get().size() != numPartitions) {
                all = Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
            }
            return all;
        }
        return Optional.empty();
    }
}
