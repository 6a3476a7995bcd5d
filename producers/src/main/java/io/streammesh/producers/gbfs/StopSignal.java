package io.streammesh.producers.gbfs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a generator loop finish its current batch and flush when the process is asked to stop
 * (Ctrl-C, SIGTERM) instead of dying between a send and the flush. The loop checks
 * {@link #stopping()} and sleeps through {@link #sleepUntil}; closing it tells the hook it is done.
 */
public final class StopSignal implements AutoCloseable, Sleeper {

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object lock = new Object();
    private volatile boolean stopping;

    private StopSignal(boolean installHook) {
        this.hook = new Thread(() -> {
            stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generator-shutdown");
        if (installHook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** Stops on JVM shutdown. */
    public static StopSignal onShutdown() {
        return new StopSignal(true);
    }

    /** Stops only when {@link #stop()} is called (tests, embedding). */
    public static StopSignal manual() {
        return new StopSignal(false);
    }

    public void stop() {
        stopping = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * An interrupt (an embedding stack stopping this generator's thread) counts as a stop request and
     * is consumed here, so the final flush after the loop is not itself interrupted.
     */
    @Override
    public boolean stopping() {
        if (Thread.interrupted()) {
            stopping = true;
        }
        return stopping;
    }

    /** Sleeps until {@code when} (wall clock) or until stopped; returns false when stopped. */
    @Override
    public boolean sleepUntil(java.time.Instant when) {
        return sleepUntil(when.toEpochMilli());
    }

    /** Sleeps until {@code epochMillis} or until stopped; returns false when stopped. */
    public boolean sleepUntil(long epochMillis) {
        synchronized (lock) {
            long wait;
            while (!stopping() && (wait = epochMillis - System.currentTimeMillis()) > 0) {
                try {
                    lock.wait(wait);
                } catch (InterruptedException e) {
                    stopping = true;
                }
            }
        }
        return !stopping();
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down (the hook is running and waits for us), or never installed
        }
    }
}
