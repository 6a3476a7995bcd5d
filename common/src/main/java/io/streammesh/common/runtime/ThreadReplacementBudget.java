package io.streammesh.common.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many failed stream threads a service replaces before it gives up. A failure that repeats
 * (a bug that throws on every record, a store that cannot be opened) would otherwise replace threads
 * forever while the service looks healthy; past the budget the client shuts down, the process exits
 * non-zero and the orchestrator restarts it (or a person sees it), which a transient failure
 * (one bad poll, a broker hiccup) never reaches.
 */
public final class ThreadReplacementBudget {

    private final int replacements;
    private final long windowNanos;
    private final Deque<Long> recent = new ArrayDeque<>();

    /** At most {@code replacements} replacements within any {@code window}. */
    public ThreadReplacementBudget(int replacements, Duration window) {
        if (replacements < 0) {
            throw new IllegalArgumentException("replacements must be >= 0, got " + replacements);
        }
        this.replacements = replacements;
        this.windowNanos = window.toNanos();
    }

    /** Records a failure at {@code nowNanos} (a {@link System#nanoTime()} reading); true when it may be replaced. */
    public synchronized boolean tryReplace(long nowNanos) {
        while (!recent.isEmpty() && nowNanos - recent.peekFirst() >= windowNanos) {
            recent.removeFirst();
        }
        if (recent.size() >= replacements) {
            return false;
        }
        recent.addLast(nowNanos);
        return true;
    }

    /** Replacements counted in the current window. */
    public synchronized int used() {
        return recent.size();
    }

    public int limit() {
        return replacements;
    }
}
