package io.streammesh.producers.gbfs;

import java.time.Instant;

/**
 * How a polling loop waits and learns it should stop. {@link StopSignal} waits on the wall clock; a
 * test waits on a simulated clock (moving it forward instead), so hours of polling take milliseconds.
 */
public interface Sleeper {

    /** True once the loop should finish what it is doing and return. */
    boolean stopping();

    /** Waits until {@code when} on the loop's clock; false when told to stop meanwhile. */
    boolean sleepUntil(Instant when);
}
