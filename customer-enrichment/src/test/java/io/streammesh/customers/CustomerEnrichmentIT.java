package io.streammesh.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import io.streammesh.producers.ProducersApp;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import io.streammesh.contracts.bikeshare.CustomerEnriched;
import io.streammesh.contracts.bikeshare.CustomerInfo;
import io.streammesh.producers.customers.CustomerGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customers generator publishing into the real broker with customer-enrichment running: the
 * customers.enriched table ends with one row per customer, holding the latest of both sides.
 */
@KafkaBroker
class CustomerEnrichmentIT {

    static final int CUSTOMERS = 200;
    static final int ROUNDS = 30;
    static final int UPDATES = 10;
    static final long SEED = 11;

    /** The row the service emits for {@code generated}'s demographics, read as the service reads its inputs. */
    private static JsonNode row(Map<String, CustomerInfo> info, Object generated) {
        CustomerDemographics d = Json.read(Json.write(generated), CustomerDemographics.class);
        return Json.tree(Json.write(new CustomerEnriched(info.get(d.customerId()), d)));
    }

    @TempDir
    Path stateDir;

    @Test
    void customersEnrichedHoldsOneRowPerCustomerWithTheLatestOfBothSides(EmbeddedKafkaBroker broker) throws Exception {
        ServiceConfig config = ServiceConfig.of(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"), Map.of())
                .with(Settings.HTTP_PORT, "0").with(Settings.STATE_DIR, stateDir.toString());
        try (ServiceRuntime runtime = ServiceRuntime.start(new CustomerEnrichmentTopology(), config)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> runtime.streams().state() == KafkaStreams.State.RUNNING);

            int rc = ProducersApp.run("customers", "-b", broker.bootstrapServers(), "--customers", "" + CUSTOMERS,
                    "--rounds", "" + ROUNDS, "--updates", "" + UPDATES, "--every", "50ms", "--seed", "" + SEED, "--summary-every", "2s");
            assertThat(rc).isZero();

            // what the table must end with: the generator's final state, recomputed from the same seed;
            // and every row it may hold on the way: the customer's info joined with any of their
            // demographics versions (how many intermediate rows appear depends on caching and commits)
            CustomerGenerator expected = new CustomerGenerator(SEED, CUSTOMERS);
            Map<String, CustomerInfo> info = new HashMap<>();
            expected.customers().forEach(c -> info.put(c.customerId(), Json.read(Json.write(c), CustomerInfo.class)));
            Map<String, Set<JsonNode>> possible = new HashMap<>();
            expected.demographics().forEach(d -> possible.computeIfAbsent(d.customerId(), k -> new HashSet<>()).add(row(info, d)));
            for (int i = 0; i < ROUNDS; i++) {
                expected.changes(UPDATES).forEach(d -> possible.computeIfAbsent(d.customerId(), k -> new HashSet<>()).add(row(info, d)));
            }
            Map<String, JsonNode> want = new HashMap<>();
            expected.demographics().forEach(d -> want.put(d.customerId(), row(info, d)));

            Map<String, JsonNode> table = new HashMap<>();
            List<Map.Entry<String, JsonNode>> impossible = new ArrayList<>();
            long[] updates = {0};
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "customer-enrichment-it-check",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.CUSTOMERS_ENRICHED.name()));
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        updates[0]++;
                        JsonNode value = r.value() == null ? null : Json.tree(new String(r.value(), StandardCharsets.UTF_8));
                        if (value == null || !possible.getOrDefault(r.key(), Set.of()).contains(value)) {
                            impossible.add(new java.util.AbstractMap.SimpleEntry<>(r.key(), value));
                        }
                        table.put(r.key(), value);
                    }
                    return table.equals(want);
                });
            }
            System.out.printf("customers=%d rows=%d updates=%d (intermediate rows depend on caching)%n", CUSTOMERS, table.size(), updates[0]);
            assertThat(table).hasSize(CUSTOMERS).doesNotContainValue(null);
            assertThat(table).isEqualTo(want);
            assertThat(impossible).as("rows that are not a join of the customer's info with one of their demographics").isEmpty();
            assertThat(DeadLetters.count(CustomerEnrichmentTopology.NAME)).isZero();
        }
    }
}
