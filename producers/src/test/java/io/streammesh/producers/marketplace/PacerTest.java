package io.streammesh.producers.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void simulatedTimeOnlyMovesForward() throws Exception {
        Pacer pacer = Pacer.simulated(1_000, () -> false);
        pacer.awaitTime(5_000);
        assertThat(pacer.now()).isEqualTo(5_000);
        pacer.awaitTime(2_000);
        assertThat(pacer.now()).isEqualTo(5_000);
    }

    @Test
    void realTimeWaitsUntilTheTimeHasCome() throws Exception {
        Pacer pacer = Pacer.realTime(() -> false);
        long due = pacer.now() + 150;
        pacer.awaitTime(due);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(due);
    }

    @Test
    void aStopEndsTheWaitWithoutInterruptingTheThread() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Pacer pacer = Pacer.realTime(stop::get);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.set(true);
        });
        stopper.start();
        assertThatThrownBy(() -> pacer.awaitTime(System.currentTimeMillis() + 600_000)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThatThrownBy(() -> Pacer.simulated(0, stop::get).awaitTime(1)).isInstanceOf(InterruptedException.class);
    }
}
