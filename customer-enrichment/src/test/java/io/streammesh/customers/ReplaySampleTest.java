package io.streammesh.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.CustomerEnriched;
import io.streammesh.offline.GoldenReplay;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample the replay tool runs ({@code ./streammesh replay customer-enrichment --input
 * src/test/resources/replay/input.jsonl}), piped the way the tool pipes it.
 */
class ReplaySampleTest {

    static List<Output> replay(String resource) throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream(resource)) {
            return ServiceTestDriver.replay(new CustomerEnrichmentTopology(), in);
        }
    }

    @Test
    void theSampleProducesTheSpecsOutputs() throws IOException {
        List<Output> out = replay("/replay/input.jsonl");
        String enriched = Topics.CUSTOMERS_ENRICHED.name();
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(
                tuple(enriched, "C00001"),                 // demographics join the info seen before
                tuple("customer-enrichment.dlq", "C00002"), // truncated JSON
                tuple(enriched, "C00002"),                 // null key taken from CUSTOMER_ID
                tuple(enriched, "C00001"),                 // demographics changed
                tuple(enriched, "C00003"));                // info arrives after demographics
        assertThat(out.get(0).valueAs(CustomerEnriched.class).demographics().age()).isEqualTo(34);
        assertThat(out.get(2).valueAs(CustomerEnriched.class).demographics().educationLevel()).isEqualTo("Master's degree");
        assertThat(out.get(3).valueAs(CustomerEnriched.class).demographics().maritalStatus()).isEqualTo("married");
        assertThat(out.get(3).valueAs(CustomerEnriched.class).demographics().income()).isEqualTo(76_000L);
        assertThat(out.get(4).valueAs(CustomerEnriched.class).info().firstName()).isEqualTo("Li");
    }

    /** The replay tool's output before the contracts refactor (commit 0a7af43), kept as the golden copy. */
    @Test
    void theSampleReplaysExactlyAsTheGoldenCopy() throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/expected.jsonl")) {
            assertThat(GoldenReplay.of(replay("/replay/input.jsonl"))).containsExactlyElementsOf(GoldenReplay.read(in));
        }
    }
}
