package io.streammesh.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.contracts.marketplace.QuoteDecision;
import io.streammesh.offline.GoldenReplay;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample the replay tool runs ({@code ./streammesh replay marketplace-jobs --input
 * src/test/resources/replay/input.jsonl}), piped the way the tool pipes it.
 */
class ReplaySampleTest {

    static final String STATUS = "job_status";
    static final String DLQ = "marketplace-jobs.dlq";
    /** Of a dead letter's headers, what says where it came from; processor names and wording may change. */
    static List<Output> replay() throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/input.jsonl")) {
            return ServiceTestDriver.replay(new MarketplaceJobsTopology(), in);
        }
    }

    @Test
    void theSampleProducesTheSpecsOutputs() throws IOException {
        long lateBefore = RecordCounters.count("marketplace-jobs", "late");
        List<Output> out = replay();
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(
                tuple(STATUS, "1001"),  // order with a null key, re-keyed from job_id, 30 s after its job
                tuple(STATUS, "1002"),  // job after its order, upper-case field names
                tuple(DLQ, "1003"),     // order without price_quoted
                tuple(DLQ, "1004"),     // truncated JSON
                tuple(STATUS, "1006"),  // quote equal to the price
                tuple(STATUS, "1006")); // second order for the same job, quote below the price
        // 1005: order 61 minutes after its job, no result; last 1006 order: beyond grace, counted not joined
        assertThat(out).filteredOn(o -> o.topic().equals(STATUS)).extracting(o -> o.valueAs(JobStatus.class)).containsExactly(
                new JobStatus(1001, "cust-20417", "Plumbing", 250, 300, QuoteDecision.ACCEPTED),
                new JobStatus(1002, "cust-33012", "Electrical", 200, 180, QuoteDecision.REJECTED),
                new JobStatus(1006, "cust-44120", "Tiling", 400, 400, QuoteDecision.ACCEPTED),
                new JobStatus(1006, "cust-51877", "Tiling", 400, 350, QuoteDecision.REJECTED));
        assertThat(out.get(2).headers().get(DeadLetters.MESSAGE)).contains("price_quoted is missing");
        assertThat(RecordCounters.count("marketplace-jobs", "late")).isEqualTo(lateBefore + 1);
    }

    /** The replay tool's output before the contracts refactor (commit 0a7af43), kept as the golden copy. */
    @Test
    void theSampleReplaysExactlyAsTheGoldenCopy() throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/expected.jsonl")) {
            assertThat(GoldenReplay.of(replay())).containsExactlyElementsOf(GoldenReplay.read(in));
        }
    }
}
