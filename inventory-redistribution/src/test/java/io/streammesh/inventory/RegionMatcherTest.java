package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import io.streammesh.inventory.model.MembershipChange.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegionMatcherTest {

    /** A {@link MemberIndex} in memory that counts the members its region scans return. */
    static final class InMemoryIndex implements MemberIndex {
        final Map<String, TreeMap<String, Member>> byRegion = new HashMap<>();
        int scanned;

        @Override
        public Member get(String regionName, String stationId) {
            TreeMap<String, Member> region = byRegion.get(regionName);
            return region == null ? null : region.get(stationId);
        }

        @Override
        public void put(Member member) {
            byRegion.computeIfAbsent(member.regionName(), r -> new TreeMap<>()).put(member.stationId(), member);
        }

        @Override
        public void delete(String regionName, String stationId) {
            TreeMap<String, Member> region = byRegion.get(regionName);
            if (region != null) {
                region.remove(stationId);
            }
        }

        @Override
        public List<Member> inRegion(String regionName) {
            List<Member> found = new ArrayList<>(byRegion.getOrDefault(regionName, new TreeMap<>()).values());
            scanned += found.size();
            return found;
        }
    }

    private static Member member(String id, String region, int amount) {
        return new Member(id, region, "n-" + id, 40.0 + id.hashCode() % 10 / 100.0, -74.0, amount);
    }

    private static MembershipChange source(String id, Member before, Member after) {
        return new MembershipChange(Role.SOURCE, id, before, after);
    }

    private static MembershipChange destination(String id, Member before, Member after) {
        return new MembershipChange(Role.DESTINATION, id, before, after);
    }

    @Test
    void emitsOnlyTheChangedStationsPairsThatAppearedChangedOrStopped() {
        RegionMatcher matcher = new RegionMatcher(new InMemoryIndex(), new InMemoryIndex());
        assertThat(matcher.apply(destination("D1", null, member("D1", "A", 2)))).isEmpty();
        assertThat(matcher.apply(destination("D2", null, member("D2", "A", 5)))).isEmpty();
        assertThat(matcher.apply(destination("DB", null, member("DB", "B", 1)))).isEmpty();

        List<KeyValue<String, RedistributionPair>> out = matcher.apply(source("S", null, member("S", "A", 3)));
        assertThat(out).extracting(kv -> kv.key).containsExactly("S-D1");

        out = matcher.apply(source("S", member("S", "A", 3), member("S", "A", 5)));
        assertThat(out).extracting(kv -> kv.key).containsExactly("S-D1", "S-D2");
        assertThat(out.get(0).value.sourceSurplus()).isEqualTo(5);

        out = matcher.apply(destination("D2", member("D2", "A", 5), member("D2", "A", 6)));
        assertThat(out).extracting(kv -> kv.key, kv -> kv.value).containsExactly(org.assertj.core.groups.Tuple.tuple("S-D2", null));

        // moving to B: A's pair goes, B's comes
        out = matcher.apply(source("S", member("S", "A", 5), member("S", "B", 5)));
        assertThat(out).extracting(kv -> kv.key, kv -> kv.value == null)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S-D1", true), org.assertj.core.groups.Tuple.tuple("S-DB", false));

        // leaving the pairing altogether
        out = matcher.apply(source("S", member("S", "B", 5), null));
        assertThat(out).extracting(kv -> kv.key, kv -> kv.value).containsExactly(org.assertj.core.groups.Tuple.tuple("S-DB", null));
    }

    @Test
    void aStationUpdateScansItsRegionsMembersNotTheirPairs() {
        InMemoryIndex sources = new InMemoryIndex();
        InMemoryIndex destinations = new InMemoryIndex();
        RegionMatcher matcher = new RegionMatcher(sources, destinations);
        int h = 300;
        int l = 300;
        for (int i = 0; i < l; i++) {
            matcher.apply(destination("D" + i, null, member("D" + i, "Big", 1)));
        }
        for (int i = 0; i < h; i++) {
            matcher.apply(source("S" + i, null, member("S" + i, "Big", 2)));
        }
        // H x L = 90,000 pairs exist; one destination's change looks at the H sources (before and after)
        sources.scanned = 0;
        destinations.scanned = 0;
        List<KeyValue<String, RedistributionPair>> out = matcher.apply(destination("D0", member("D0", "Big", 1), member("D0", "Big", 2)));
        assertThat(out).hasSize(h);
        assertThat(sources.scanned + destinations.scanned).isEqualTo(2 * h);
        // one source's change looks at the L destinations
        sources.scanned = 0;
        destinations.scanned = 0;
        out = matcher.apply(source("S0", member("S0", "Big", 2), null));
        assertThat(out).hasSize(l);
        assertThat(sources.scanned + destinations.scanned).isEqualTo(l);
    }

    @Test
    void thePartitionerSendsSourcesToTheirOwnerAndDestinationsToEveryTask() {
        MembershipPartitioner partitioner = new MembershipPartitioner();
        assertThat(partitioner.partitions("t", "S", source("S", null, member("S", "A", 1)), 6)).isEmpty();
        assertThat(partitioner.partitions("t", "D", destination("D", null, member("D", "A", 1)), 6))
                .contains(Set.of(0, 1, 2, 3, 4, 5));
    }

    /**
     * The matcher as it runs on 6 partitions: sources go to their owner, destinations to every
     * task, and the tasks process their queues in random interleavings (one task may lag far
     * behind another), with whole regions being renamed. Once every queue is drained, the pairs
     * the tasks wrote, applied in the order they were written, must equal the brute-force pairs,
     * and every key must have been written by a single task.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 11, 2024, 99991})
    void sixTasksInAnyInterleavingConvergeToTheBruteForcePairs(long seed) {
        int partitions = 6;
        Random random = new Random(seed);
        List<Deque<MembershipChange>> queues = new ArrayList<>();
        List<RegionMatcher> tasks = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            queues.add(new ArrayDeque<>());
            tasks.add(new RegionMatcher(new InMemoryIndex(), new InMemoryIndex()));
        }
        Map<String, StationEnriched> latest = new LinkedHashMap<>();
        Map<String, Availability> rows = new HashMap<>();
        Map<String, RedistributionPair> written = new TreeMap<>();
        Map<String, Integer> writer = new HashMap<>();
        List<String> regions = new ArrayList<>(List.of("A", "B", "C"));
        int renames = 0;
        int checks = 0;

        for (int step = 0; step < 3000; step++) {
            List<StationEnriched> updates = new ArrayList<>();
            if (random.nextInt(200) == 0) {
                // a region renamed in system.regions: every station of it moves at its next status
                int r = random.nextInt(regions.size());
                String old = regions.get(r);
                String renamed = old + "'";
                regions.set(r, renamed);
                renames++;
                for (StationEnriched s : latest.values()) {
                    if (old.equals(s.regionName())) {
                        updates.add(TestStations.inRegion(s, renamed));
                    }
                }
            } else {
                String id = "st" + random.nextInt(40);
                String region = random.nextInt(10) == 0 ? null : regions.get(random.nextInt(regions.size()));
                int cap = 1 + random.nextInt(20);
                int bikes = random.nextInt(cap + 1);
                updates.add(TestStations.at(id, region, 40 + random.nextInt(100) / 1000.0, -74 + random.nextInt(100) / 1000.0,
                        cap, bikes, cap - bikes));
            }
            for (StationEnriched s : updates) {
                latest.put(s.stationId(), s);
                Availability after = StationAvailability.classify(s);
                for (StationOutput out : StationTransition.between(rows.get(s.stationId()), after)) {
                    if (out instanceof StationOutput.Membership m) {
                        MembershipChange change = m.change();
                        if (change.role() == Role.SOURCE) {
                            queues.get(owner(s.stationId(), partitions)).add(change);
                        } else {
                            queues.forEach(q -> q.add(change));
                        }
                    }
                }
                if (after == null) {
                    rows.remove(s.stationId());
                } else {
                    rows.put(s.stationId(), after);
                }
            }
            // a random amount of processing, by random tasks: some lag, some race ahead
            int work = random.nextInt(12);
            for (int i = 0; i < work; i++) {
                int p = random.nextInt(partitions);
                int burst = 1 + random.nextInt(4);
                for (int b = 0; b < burst && !queues.get(p).isEmpty(); b++) {
                    process(tasks.get(p), p, queues.get(p).poll(), written, writer);
                }
            }
            if (random.nextInt(100) == 0 || step == 2999) {
                drainAll(queues, tasks, written, writer, random);
                assertThat(written).as("after step %d", step).isEqualTo(BruteForce.of(latest.values()).pairs);
                checks++;
            }
        }
        assertThat(renames).isGreaterThan(3);
        assertThat(checks).isGreaterThan(10);
        assertThat(written).isNotEmpty();
    }

    private static void drainAll(List<Deque<MembershipChange>> queues, List<RegionMatcher> tasks,
                                 Map<String, RedistributionPair> written, Map<String, Integer> writer, Random random) {
        while (queues.stream().anyMatch(q -> !q.isEmpty())) {
            int p = random.nextInt(queues.size());
            if (!queues.get(p).isEmpty()) {
                process(tasks.get(p), p, queues.get(p).poll(), written, writer);
            }
        }
    }

    private static void process(RegionMatcher task, int partition, MembershipChange change,
                                Map<String, RedistributionPair> written, Map<String, Integer> writer) {
        for (KeyValue<String, RedistributionPair> update : task.apply(change)) {
            Integer previous = writer.putIfAbsent(update.key, partition);
            assertThat(previous == null ? partition : previous).as("writer of %s", update.key).isEqualTo(partition);
            if (update.value == null) {
                assertThat(written).containsKey(update.key);
                written.remove(update.key);
            } else {
                assertThat(written.get(update.key)).isNotEqualTo(update.value);
                written.put(update.key, update.value);
            }
        }
    }

    /** The default partitioner's choice for a String key, as Kafka's producer computes it. */
    private static int owner(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

}
