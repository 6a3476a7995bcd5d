package io.streammesh.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Required;
import io.streammesh.contracts.Topic;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * The key rule: a record joins under the key its value names, on the partition Kafka's Java
 * partitioner gives that key; everything else is re-keyed through a repartition topic and counted.
 * TopologyTestDriver delivers every record on partition 0, so with six partitions configured a key
 * that murmur2 puts elsewhere is exactly what a CRC32-partitioning producer would have written there.
 */
class KeysTest {

    record Item(@Required String itemId, Integer qty) {
    }

    static final Topic<Item> ITEMS = Topic.json("keys-test.in", Topic.Kind.STREAM, Item.class, "item_id", Item::itemId,
            "producers test", "items");
    static final Topic<Item> ITEM_TABLE = Topic.json("keys-test.table", Topic.Kind.TABLE, Item.class, "item_id", Item::itemId,
            "producers test", "items as a table");

    /** Writes each input, keyed by the rule, to {@code keys-test.out}. */
    static final class Rekeyer implements StreamService {
        private final Topic<Item> input;

        Rekeyer(Topic<Item> input) {
            this.input = input;
        }

        @Override
        public String name() {
            return "keys-test";
        }

        @Override
        public String description() {
            return "re-keys items";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder builder = new StreamsBuilder();
            Keys.stream(builder, input, config).to("keys-test.out", Produced.with(Serdes.String(), input.serde()));
            return builder.build();
        }
    }

    private static String keyOnPartition(boolean zero) {
        return IntStream.range(0, 1000).mapToObj(i -> "item-" + i)
                .filter(k -> (Keys.partitionFor(k, 6) == 0) == zero).findFirst().orElseThrow();
    }

    private static ServiceConfig sixPartitions(Topic<?> topic) {
        return ServiceConfig.empty().withSetting("input.partitions." + topic.name(), "6");
    }

    private static String json(String id, int qty) {
        return "{\"item_id\":\"" + id + "\",\"qty\":" + qty + "}";
    }

    @Test
    void theJavaPartitionerIsMurmur2() {
        // the values Kafka's Java producer gives these keys on six partitions
        assertThat(Keys.partitionFor("42", 6)).isEqualTo(org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2("42".getBytes())) % 6);
        assertThat(Keys.partitionFor("", 6)).isBetween(0, 5);
    }

    @Test
    void everyRecordEndsUpUnderTheKeyItsValueNames() {
        String here = keyOnPartition(true);
        String elsewhere = keyOnPartition(false);
        try (ServiceTestDriver driver = ServiceTestDriver.of(new Rekeyer(ITEMS), sixPartitions(ITEMS))) {
            driver.pipeJson(ITEMS.name(), here, json(here, 1), 1000);
            driver.pipeJson(ITEMS.name(), null, "{\"ITEM_ID\":\"b\",\"qty\":2}", 2000);
            driver.pipeJson(ITEMS.name(), "k", json("other", 3), 3000);
            driver.pipeJson(ITEMS.name(), elsewhere, json(elsewhere, 4), 4000);

            assertThat(driver.drain()).extracting(Output::topic, Output::key, Output::value).containsExactly(
                    tuple("keys-test.out", here, json(here, 1)),
                    tuple("keys-test.out", "b", json("b", 2)),
                    tuple("keys-test.out", "other", json("other", 3)),
                    tuple("keys-test.out", elsewhere, json(elsewhere, 4)));
        }
    }

    @Test
    void recordsOutOfPlaceAreCountedPerTopicAndReason() {
        String here = keyOnPartition(true);
        String elsewhere = keyOnPartition(false);
        long before = RecordCounters.rerouted("keys-test", ITEMS.name());
        try (ServiceTestDriver driver = ServiceTestDriver.of(new Rekeyer(ITEMS), sixPartitions(ITEMS))) {
            driver.pipeJson(ITEMS.name(), here, json(here, 1), 1000);
            assertThat(RecordCounters.rerouted("keys-test", ITEMS.name())).isEqualTo(before);
            driver.pipeJson(ITEMS.name(), elsewhere, json(elsewhere, 1), 2000);
            driver.pipeJson(ITEMS.name(), null, json("x", 1), 3000);
            driver.pipeJson(ITEMS.name(), "y", json("x", 1), 4000);
            driver.drain();
        }
        assertThat(RecordCounters.rerouted("keys-test", ITEMS.name())).isEqualTo(before + 3);
    }

    @Test
    void withOnePartitionEveryKeyedRecordIsInPlace() {
        long before = RecordCounters.rerouted("keys-test", ITEMS.name());
        try (ServiceTestDriver driver = ServiceTestDriver.of(new Rekeyer(ITEMS))) {
            driver.pipeJson(ITEMS.name(), keyOnPartition(false), json(keyOnPartition(false), 1), 1000);
            assertThat(driver.drain()).hasSize(1);
        }
        assertThat(RecordCounters.rerouted("keys-test", ITEMS.name())).isEqualTo(before);
    }

    @Test
    void recordsThatNameNoKeyAndTombstonesOnAStreamAreDeadLettered() {
        try (ServiceTestDriver driver = ServiceTestDriver.of(new Rekeyer(ITEMS), sixPartitions(ITEMS))) {
            driver.pipeJson(ITEMS.name(), "a", null, 1000);
            driver.pipeJson(ITEMS.name(), null, "{\"qty\":6}", 2000);
            List<Output> out = driver.drain();
            assertThat(out).extracting(Output::topic, Output::key, Output::value).containsExactly(
                    tuple("keys-test.dlq", "a", null),
                    tuple("keys-test.dlq", null, "{\"qty\":6}"));
            assertThat(out.get(0).headers().get(DeadLetters.MESSAGE)).contains("tombstone").contains("stream keys-test.in");
            // the record's own validation: item_id is required
            assertThat(out.get(1).headers()).containsEntry(DeadLetters.STAGE, "deserialization");
            assertThat(out.get(1).headers().get(DeadLetters.MESSAGE)).contains("item_id is missing");
        }
    }

    @Test
    void onATableATombstoneDeletesItsKeyAndOneWithoutAKeyIsDeadLettered() {
        String elsewhere = keyOnPartition(false);
        try (ServiceTestDriver driver = ServiceTestDriver.of(new Rekeyer(ITEM_TABLE), sixPartitions(ITEM_TABLE))) {
            driver.pipeJson(ITEM_TABLE.name(), elsewhere, null, 1000);
            driver.pipeJson(ITEM_TABLE.name(), null, null, 2000);
            List<Output> out = driver.drain();
            assertThat(out).extracting(Output::topic, Output::key, Output::value).containsExactly(
                    tuple("keys-test.out", elsewhere, null),
                    tuple("keys-test.dlq", null, null));
            assertThat(out.get(1).headers().get(DeadLetters.MESSAGE)).contains("tombstone without a key on keys-test.table");
        }
    }

    @Test
    void onlyRecordsOutOfPlaceGoThroughTheRepartitionTopic() {
        Topology topology = new Rekeyer(ITEMS).build(ServiceConfig.empty());
        assertThat(topology.describe().toString()).contains("keys-test-in-rekeyed-repartition");
        assertThat(TopologyTopics.of(topology).inputs()).containsExactly("keys-test.in");
        assertThat(TopologyTopics.of(topology).outputs()).containsExactly("keys-test.out");
    }
}
