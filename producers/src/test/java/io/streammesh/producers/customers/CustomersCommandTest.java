package io.streammesh.producers.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.producers.ProducersApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomersCommandTest {

    @TempDir
    Path dir;

    @Test
    void recordsEveryCustomerThenRoundsOfDemographicsChanges() throws Exception {
        Path file = dir.resolve("customers.jsonl");
        assertThat(ProducersApp.run("customers", "--customers", "30", "--rounds", "4", "--updates", "3", "--every", "2s",
                "--seed", "1", "--to-file", file.toString())).isZero();
        List<JsonNode> lines = Files.readAllLines(file).stream().map(Json::tree).toList();
        assertThat(lines).hasSize(30 + 30 + 4 * 3);
        assertThat(lines.subList(0, 30)).allSatisfy(l -> {
            assertThat(l.get("topic").asText()).isEqualTo("customers.info");
            assertThat(l.get("key").asText()).isEqualTo(l.get("value").get("customer_id").asText());
            assertThat(l.get("value").get("email").asText()).contains("@");
        });
        assertThat(lines.subList(30, lines.size())).allSatisfy(l -> {
            assertThat(l.get("topic").asText()).isEqualTo("customers.demographics");
            assertThat(l.get("key").asText()).isEqualTo(l.get("value").get("customer_id").asText());
            assertThat(l.get("value").fieldNames()).toIterable()
                    .containsExactly("customer_id", "age", "gender", "income", "education_level", "marital_status");
        });
        long start = lines.get(0).get("timestamp").asLong();
        assertThat(lines.get(60).get("timestamp").asLong()).isEqualTo(start + 2_000);
        assertThat(lines.get(lines.size() - 1).get("timestamp").asLong()).isEqualTo(start + 8_000);
    }
}
