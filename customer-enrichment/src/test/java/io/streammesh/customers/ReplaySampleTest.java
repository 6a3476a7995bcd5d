package io.streammesh.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.CustomerEnriched;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import io.streammesh.offline.ServiceTestDriver.ReplayRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** What a record emitted must keep across a refactor: topic, key, value text, timestamp, and where a dead letter came from. */
    record Golden(String topic, String key, String value, Long timestamp, Map<String, String> provenance) {

        static final List<String> PROVENANCE = List.of(DeadLetters.TOPIC, DeadLetters.PARTITION, DeadLetters.OFFSET, DeadLetters.STAGE);

        static Golden of(Output o) {
            Map<String, String> provenance = new TreeMap<>(o.headers());
            provenance.keySet().retainAll(PROVENANCE);
            return new Golden(o.topic(), o.key(), o.value(), o.timestamp(), provenance);
        }

        /** A line the replay tool wrote ({@code --output}): a value it could parse is a JSON object there, else text. */
        static Golden parse(String line) {
            ReplayRecord r = ReplayRecord.parse(line);
            Map<String, String> provenance = new TreeMap<>();
            JsonNode headers = Json.tree(line).path("headers");
            PROVENANCE.stream().filter(headers::has).forEach(h -> provenance.put(h, headers.get(h).asText()));
            return new Golden(r.topic(), r.key(), r.value(), r.timestamp(), provenance);
        }
    }

    /** The replay tool's output before the contracts refactor (commit 0a7af43), kept as the golden copy. */
    @Test
    void theSampleReplaysExactlyAsTheGoldenCopy() throws IOException {
        List<Golden> expected;
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/expected.jsonl")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(Golden::parse).toList();
        }
        assertThat(replay("/replay/input.jsonl")).map(Golden::of).containsExactlyElementsOf(expected);
    }
}
