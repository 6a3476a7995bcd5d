package io.streammesh.producers.marketplace;

import java.util.function.BooleanSupplier;

/**
 * When a generator's next record is due. {@link #realTime} waits for the wall clock, so records
 * arrive as they would live; {@link #simulated} never waits and just advances its own clock, for
 * recording files and for tests that want a thousand jobs now rather than in three minutes.
 *
 * <p>Both give up with {@link InterruptedException} once {@code stop} says so (Ctrl-C), without
 * interrupting the thread: an interrupt would close a file sink's channel mid-write.
 */
interface Pacer {

    long SLICE_MS = 100;

    /** The current time, epoch ms. */
    long now();

    /** Returns once {@code time} (epoch ms) has come; throws if asked to stop meanwhile. */
    void awaitTime(long time) throws InterruptedException;

    static Pacer realTime(BooleanSupplier stop) {
        return new Pacer() {
            @Override
            public long now() {
                return System.currentTimeMillis();
            }

            @Override
            public void awaitTime(long time) throws InterruptedException {
                for (long wait = time - now(); ; wait = time - now()) {
                    if (stop.getAsBoolean()) {
                        throw new InterruptedException("stopping");
                    }
                    if (wait <= 0) {
                        return;
                    }
                    Thread.sleep(Math.min(wait, SLICE_MS));
                }
            }
        };
    }

    static Pacer simulated(long start, BooleanSupplier stop) {
        return new Pacer() {
            private long now = start;

            @Override
            public long now() {
                return now;
            }

            @Override
            public void awaitTime(long time) throws InterruptedException {
                if (stop.getAsBoolean()) {
                    throw new InterruptedException("stopping");
                }
                now = Math.max(now, time);
            }
        };
    }
}
