package io.streammesh.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.junit.jupiter.api.Test;

class TopologyTopicsTest {

    @Test
    void foreignKeyJoinTopicsAreInternalWhetherNamedOrNot() {
        for (boolean named : new boolean[] {true, false}) {
            StreamsBuilder builder = new StreamsBuilder();
            KTable<String, String> left = builder.table("tt.left", Consumed.with(Serdes.String(), Serdes.String()));
            KTable<String, String> right = builder.table("tt.right", Consumed.with(Serdes.String(), Serdes.String()));
            KTable<String, String> joined = named
                    ? left.leftJoin(right, v -> v, (l, r) -> l + r, TableJoined.as("tt-fk"), Materialized.as("tt-joined"))
                    : left.leftJoin(right, v -> v, (l, r) -> l + r);
            joined.toStream().to("tt.out", Produced.with(Serdes.String(), Serdes.String()));

            TopologyTopics topics = TopologyTopics.of(builder.build());
            assertThat(topics.inputs()).containsExactlyInAnyOrder("tt.left", "tt.right");
            assertThat(topics.outputs()).containsExactly("tt.out");
        }
    }

    @Test
    void aUserTopicWithAnInternalLookingPrefixIsStillAUserTopic() {
        assertThat(TopologyTopics.isInternalName("stations.info")).isFalse();
        assertThat(TopologyTopics.isInternalName("subscription-topic")).isFalse();
        assertThat(TopologyTopics.isInternalName("app-x-subscription-response-topic")).isTrue();
        assertThat(TopologyTopics.isInternalName("KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic")).isTrue();
    }
}
