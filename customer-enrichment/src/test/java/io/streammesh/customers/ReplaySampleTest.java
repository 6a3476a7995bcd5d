package io.streammesh.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.testing.ServiceTestDriver;
import io.streammesh.common.testing.ServiceTestDriver.Output;
import io.streammesh.contracts.Topics;
import io.streammesh.customers.model.CustomerEnriched;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample the replay tool runs ({@code ./streammesh replay customer-enrichment --input
 * src/test/resources/replay/input.jsonl}), piped the way the tool pipes it.
 */
class ReplaySampleTest {

    @Test
    void theSampleProducesTheSpecsOutputs() throws IOException {
        List<Output> out;
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/input.jsonl")) {
            out = ServiceTestDriver.replay(new CustomerEnrichmentTopology(), in);
        }
        String enriched = Topics.CUSTOMERS_ENRICHED.name();
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(
                tuple(enriched, "C00001"),                 // demographics join the info seen before
                tuple("customer-enrichment.dlq", "C00002"), // truncated JSON
                tuple(enriched, "C00002"),                 // null key taken from CUSTOMER_ID
                tuple(enriched, "C00001"),                 // demographics changed
                tuple(enriched, "C00003"));                // info arrives after demographics
        assertThat(out.get(0).valueAs(CustomerEnriched.class).age()).isEqualTo(34);
        assertThat(out.get(2).valueAs(CustomerEnriched.class).educationLevel()).isEqualTo("Master's degree");
        assertThat(out.get(3).valueAs(CustomerEnriched.class).maritalStatus()).isEqualTo("married");
        assertThat(out.get(3).valueAs(CustomerEnriched.class).income()).isEqualTo(76_000L);
        assertThat(out.get(4).valueAs(CustomerEnriched.class).firstName()).isEqualTo("Li");
    }
}
