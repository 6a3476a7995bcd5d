package io.streammesh.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    @Test
    void readyOnlyWhenRunningWithNothingRestoring() {
        assertThat(StreamsHealth.of(State.RUNNING, 0)).isEqualTo(new HttpEndpoint.Health(true, true, "RUNNING"));
        assertThat(StreamsHealth.of(State.RUNNING, 2).ready()).isFalse();
        assertThat(StreamsHealth.of(State.RUNNING, 2).state()).isEqualTo("RUNNING (restoring 2 store partitions)");
        assertThat(StreamsHealth.of(State.REBALANCING, 0)).isEqualTo(new HttpEndpoint.Health(true, false, "REBALANCING"));
        assertThat(StreamsHealth.of(State.CREATED, 0)).isEqualTo(new HttpEndpoint.Health(true, false, "CREATED"));
    }

    @Test
    void aClientThatCannotMakeProgressIsNotLive() {
        for (State state : new State[] {State.ERROR, State.PENDING_ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING}) {
            assertThat(StreamsHealth.of(state, 0).live()).as(state.name()).isFalse();
            assertThat(StreamsHealth.of(state, 0).ready()).as(state.name()).isFalse();
        }
    }

    @Test
    void aStoreCountsAsRestoringFromStartToEndOrSuspension() {
        StreamsHealth health = new StreamsHealth();
        TopicPartition p0 = new TopicPartition("app-store-changelog", 0);
        TopicPartition p1 = new TopicPartition("app-store-changelog", 1);
        health.onRestoreStart(p0, "store", 0, 100);
        health.onRestoreStart(p1, "store", 0, 100);
        assertThat(health.restoringStores()).isEqualTo(2);
        health.onRestoreEnd(p0, "store", 100);
        assertThat(health.restoringStores()).isEqualTo(1);
        health.onRestoreSuspended(p1, "store", 40);
        assertThat(health.restoringStores()).isZero();
        // no client yet: starting, live but not ready
        assertThat(health.of(null)).isEqualTo(new HttpEndpoint.Health(true, false, "STARTING"));
    }
}
