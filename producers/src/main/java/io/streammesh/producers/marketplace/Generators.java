package io.streammesh.producers.marketplace;

import io.streammesh.producers.gbfs.Durations;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What the marketplace and trucks generators share: durations as the rest of the suite spells them, and Ctrl-C. */
final class Generators {

    private Generators() {
    }

    /** {@code 500ms}, {@code 5s}, {@code 3m}, {@code PT5M}: the suite's duration syntax. */
    static Duration duration(String option, String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 3m, 30s or 500ms, got '" + value + "'");
        }
    }

    /**
     * Lets a generator finish its current record and flush when the process is asked to stop (Ctrl-C,
     * SIGTERM), instead of dying between a send and the flush. The generator notices through
     * {@link Stopper#stopping()} (its {@link Pacer} checks it while waiting).
     */
    static Stopper stopOnShutdown() {
        return new Stopper();
    }

    static final class Stopper implements AutoCloseable {
        private final Thread hook;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile boolean stopping;

        private Stopper() {
            this.hook = new Thread(() -> {
                stopping = true;
                try {
                    finished.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "generator-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        boolean stopping() {
            return stopping;
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running and waits for us
            }
        }
    }
}
