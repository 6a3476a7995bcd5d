package io.streammesh.trucks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.offline.GoldenReplay;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import io.streammesh.contracts.marketplace.TruckTracker;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample the replay tool runs ({@code ./streammesh replay truck-tracker --input
 * src/test/resources/replay/input.jsonl}), piped the way the tool pipes it.
 */
class ReplaySampleTest {

    static final String TRACKER = "truck_tracker";
    static final String DLQ = "truck-tracker.dlq";
    static final long T = 1751446800000L;
    /** Of a dead letter's headers, what says where it came from; processor names and wording may change. */
    static List<Output> replay() throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/input.jsonl")) {
            return ServiceTestDriver.replay(new TruckTrackerTopology(), in);
        }
    }

    @Test
    void theSampleProducesTheSpecsOutputs() throws IOException {
        long unknownBefore = RecordCounters.count("truck-tracker", "unknown-job");
        List<Output> out = replay();
        // the first position, before job 2001's location, is counted and not emitted
        assertThat(RecordCounters.count("truck-tracker", "unknown-job")).isEqualTo(unknownBefore + 1);
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(
                tuple(TRACKER, "2001"),
                tuple(TRACKER, "2002"),       // its location came with a null key, re-keyed from id
                tuple(DLQ, "truck-01"),       // no lat
                tuple(DLQ, "truck-02"),       // truncated JSON
                tuple(TRACKER, "2002"),       // arrived at the moved destination
                tuple(TRACKER, "2001"));
        assertThat(out).filteredOn(o -> o.topic().equals(TRACKER)).extracting(o -> o.valueAs(TruckTracker.class))
                .containsExactly(
                        new TruckTracker("2001", "truck-01", "EN_ROUTE", -33.8688, 151.2093, -33.8568, 151.2153, 1.44, 4.8, T + 2_000),
                        new TruckTracker("2002", "truck-02", "EN_ROUTE", -33.8915, 151.2567, -33.8915, 151.2767, 1.85, 8.0, T + 2_000),
                        new TruckTracker("2002", "truck-02", "ARRIVED", -33.8915, 151.2667, -33.8915, 151.2667, 0.0, 0.0, T + 4_000),
                        new TruckTracker("2001", "truck-01", "ARRIVED", -33.8568, 151.2153, -33.8568, 151.2153, 0.0, 0.0, T + 5_000));
        assertThat(out.get(2).headers().get(DeadLetters.MESSAGE)).contains("lat is missing");
    }

    /** The replay tool's output before the contracts refactor (commit 0a7af43), kept as the golden copy. */
    @Test
    void theSampleReplaysExactlyAsTheGoldenCopy() throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/expected.jsonl")) {
            assertThat(GoldenReplay.of(replay())).containsExactlyElementsOf(GoldenReplay.read(in));
        }
    }
}
