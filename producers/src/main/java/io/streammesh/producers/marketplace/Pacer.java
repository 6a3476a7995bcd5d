package io.streammesh.producers.marketplace;

/**
 * When a generator's next record is due. {@link #realTime()} waits for the wall clock, so records
 * arrive as they would live; {@link #simulated(long)} never waits and just advances its own clock, for
 * recording files and for tests that want a thousand jobs now rather than in three minutes.
 */
interface Pacer {

    /** The current time, epoch ms. */
    long now();

    /** Returns once {@code time} (epoch ms) has come. */
    void awaitTime(long time) throws InterruptedException;

    static Pacer realTime() {
        return new Pacer() {
            @Override
            public long now() {
                return System.currentTimeMillis();
            }

            @Override
            public void awaitTime(long time) throws InterruptedException {
                long wait = time - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        };
    }

    static Pacer simulated(long start) {
        return new Pacer() {
            private long now = start;

            @Override
            public long now() {
                return now;
            }

            @Override
            public void awaitTime(long time) {
                now = Math.max(now, time);
            }
        };
    }
}
