package io.streammesh.trucks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.Json;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import io.streammesh.contracts.marketplace.TruckTracker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
    static final List<String> COMPARED_HEADERS = List.of(DeadLetters.TOPIC, DeadLetters.PARTITION, DeadLetters.OFFSET,
            DeadLetters.STAGE);

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

    /** The outputs before the contracts refactor (replay tool, commit 0a7af43): topic, key, value and timestamp exactly. */
    @Test
    void theSampleStillProducesTheBaselineOutputs() throws IOException {
        List<String> expected;
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/expected.jsonl")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> comparable((ObjectNode) Json.tree(l))).toList();
        }
        assertThat(replay().stream().map(o -> comparable(line(o))).toList()).containsExactlyElementsOf(expected);
    }

    /** An output as the replay tool writes it: the value as JSON, or as text when it is not JSON. */
    static ObjectNode line(Output o) {
        ObjectNode line = Json.MAPPER.createObjectNode().put("topic", o.topic()).put("key", o.key());
        try {
            line.set("value", o.value() == null ? null : Json.MAPPER.readTree(o.value()));
        } catch (IOException notJson) {
            line.put("value", o.value());
        }
        line.put("timestamp", o.timestamp());
        if (!o.headers().isEmpty()) {
            o.headers().forEach(line.putObject("headers")::put);
        }
        return line;
    }

    static String comparable(ObjectNode line) {
        if (line.get("headers") instanceof ObjectNode headers) {
            headers.retain(COMPARED_HEADERS);
        }
        return line.toString();
    }
}
