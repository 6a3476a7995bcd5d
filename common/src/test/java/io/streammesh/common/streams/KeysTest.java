package io.streammesh.common.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.json.JsonSerde;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.common.testing.ServiceTestDriver;
import io.streammesh.common.testing.ServiceTestDriver.Output;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

class KeysTest {

    record Item(String itemId, Integer qty) {
    }

    static final class Rekeyer implements StreamService {
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
            JsonSerde<Item> serde = JsonSerde.of(Item.class);
            StreamsBuilder builder = new StreamsBuilder();
            Keys.fillMissing(builder.stream("keys-test.in", Consumed.with(Serdes.String(), serde)), Item::itemId, serde, "items", name())
                    .to("keys-test.out", Produced.with(Serdes.String(), serde));
            return builder.build();
        }
    }

    @Test
    void nullKeysComeFromTheValueKeyedRecordsAndTombstonesPassUnchanged() {
        long before = RecordCounters.count("keys-test", Keys.TOMBSTONE_WITHOUT_KEY);
        try (ServiceTestDriver driver = ServiceTestDriver.of(new Rekeyer())) {
            driver.pipeJson("keys-test.in", "a", "{\"item_id\":\"a\",\"qty\":1}", 1000);
            driver.pipeJson("keys-test.in", null, "{\"ITEM_ID\":\"b\",\"qty\":2}", 2000);
            driver.pipeJson("keys-test.in", "k", "{\"item_id\":\"other\",\"qty\":3}", 3000);
            driver.pipeJson("keys-test.in", "a", null, 4000);
            driver.pipeJson("keys-test.in", null, null, 5000);
            driver.pipeJson("keys-test.in", null, "{\"qty\":6}", 6000);

            List<Output> out = driver.drain();
            assertThat(out).extracting(Output::topic, Output::key, Output::value).containsExactly(
                    tuple("keys-test.out", "a", "{\"item_id\":\"a\",\"qty\":1}"),
                    tuple("keys-test.out", "b", "{\"item_id\":\"b\",\"qty\":2}"),
                    tuple("keys-test.out", "k", "{\"item_id\":\"other\",\"qty\":3}"),
                    tuple("keys-test.out", "a", null),
                    tuple("keys-test.dlq", null, "{\"qty\":6}"));
            assertThat(out.get(4).headers()).containsEntry(DeadLetters.STAGE, "processing");
        }
        assertThat(RecordCounters.count("keys-test", Keys.TOMBSTONE_WITHOUT_KEY)).isEqualTo(before + 1);
    }

    @Test
    void onlyNullKeyedRecordsGoThroughTheRepartitionTopic() {
        Topology topology = new Rekeyer().build(ServiceConfig.empty());
        assertThat(topology.describe().toString()).contains("items-rekeyed-repartition");
        assertThat(TopologyTopics.of(topology).inputs()).containsExactly("keys-test.in");
        assertThat(TopologyTopics.of(topology).outputs()).containsExactly("keys-test.out");
    }
}
