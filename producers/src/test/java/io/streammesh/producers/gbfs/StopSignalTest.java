package io.streammesh.producers.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopSignalTest {

    @Test
    void anInterruptStopsTheLoopAndIsConsumedSoTheFinalFlushCanRun() {
        try (StopSignal stop = StopSignal.manual()) {
            assertThat(stop.stopping()).isFalse();
            Thread.currentThread().interrupt();

            assertThat(stop.stopping()).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(stop.stopping()).isTrue();
            assertThat(stop.sleepUntil(System.currentTimeMillis() + 60_000)).isFalse();
        }
    }

    @Test
    void sleepUntilReturnsAtTheDeadlineWhenNotStopped() {
        try (StopSignal stop = StopSignal.manual()) {
            assertThat(stop.sleepUntil(System.currentTimeMillis() + 20)).isTrue();
        }
    }
}
