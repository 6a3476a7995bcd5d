package io.streammesh.producers.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.producers.ProducersApp;
import io.streammesh.producers.marketplace.MarketplaceGenerator.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two subcommands end to end, recording to a JSONL file (no broker needed). */
class MarketplaceCommandsTest {

    @TempDir
    Path dir;

    private List<JsonNode> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(Json::tree).toList();
    }

    @Test
    void marketplaceRecordsBothRecordsOfEveryJobInTimeOrderWithTheIntendedQuotes() throws Exception {
        Path file = dir.resolve("marketplace.jsonl");
        int rc = ProducersApp.run("marketplace", "--count", "200", "--seed", "5", "--first-job-id", "9000",
                "--to-file", file.toString());
        assertThat(rc).isZero();

        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(400);
        long previous = Long.MIN_VALUE;
        Map<Long, Long> prices = new HashMap<>();
        Map<Long, Long> quotes = new HashMap<>();
        for (JsonNode line : lines) {
            long ts = line.get("timestamp").asLong();
            assertThat(ts).isGreaterThanOrEqualTo(previous);
            previous = ts;
            JsonNode value = line.get("value");
            long jobId = value.get("job_id").asLong();
            assertThat(line.get("key").asText()).isEqualTo(Long.toString(jobId));
            switch (line.get("topic").asText()) {
                case "job_created" -> prices.put(jobId, value.get("price").asLong());
                case "order_placed" -> quotes.put(jobId, value.get("price_quoted").asLong());
                default -> throw new AssertionError("unexpected topic " + line.get("topic"));
            }
        }
        Map<Long, String> intended = MarketplaceGenerator.intendedStatuses(new Settings(5, 9000, 0.3, Duration.ofMinutes(3), 0), 200);
        assertThat(prices.keySet()).isEqualTo(intended.keySet()).isEqualTo(quotes.keySet());
        intended.forEach((jobId, status) ->
                assertThat(MarketplaceGenerator.status(quotes.get(jobId), prices.get(jobId))).as("job %d", jobId).isEqualTo(status));
    }

    @Test
    void fastRefusesARunWhoseLastRecordsABrokerWouldRefuseAsTooFarAhead() {
        // 1,000,000 jobs at the default 5/s would be stamped up to 55 hours ahead: refused before connecting
        // (no broker at this address), with the rate that would fit in the message
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = ProducersApp.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        int rc = cli.execute("marketplace", "--count", "1000000", "--fast", "-b", "127.0.0.1:1");
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("55.6 hours ahead").contains("--rate 293 or more");
    }

    @Test
    void trucksRecordLocationsFirstThenPositionsUntilEveryTruckArrived() throws Exception {
        Path file = dir.resolve("trucks.jsonl");
        int rc = ProducersApp.run("trucks", "--trucks", "4", "--trip-ticks", "8", "--tick", "2s", "--first-job-id", "1",
                "--to-file", file.toString());
        assertThat(rc).isZero();

        List<JsonNode> lines = lines(file);
        assertThat(lines.subList(0, 4)).allSatisfy(l -> {
            assertThat(l.get("topic").asText()).isEqualTo("joblocation");
            assertThat(l.get("key").asText()).isEqualTo(l.get("value").get("id").asText());
        });
        List<JsonNode> positions = lines.subList(4, lines.size());
        assertThat(positions).allSatisfy(l -> {
            assertThat(l.get("topic").asText()).isEqualTo("tradie_truck_location");
            assertThat(l.get("key").asText()).startsWith("truck-");
            assertThat(l.get("value").has("long")).isTrue();
        });
        assertThat(positions.stream().filter(l -> l.get("value").get("state").asText().equals("ARRIVED")))
                .extracting(l -> l.get("value").get("job_id").asText()).containsExactlyInAnyOrder("1", "2", "3", "4");
        long first = lines.get(0).get("timestamp").asLong();
        assertThat(positions.get(0).get("timestamp").asLong()).isEqualTo(first + 2000);
    }

    @Test
    void badOptionsExitWithAUsageError() {
        assertThat(ProducersApp.run("marketplace", "--below-price-share", "2", "--to-file", dir.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(ProducersApp.run("trucks", "--tick", "soon", "--to-file", dir.resolve("y").toString())).isEqualTo(2);
        // a recording without an end would fill the disk
        assertThat(ProducersApp.run("marketplace", "--to-file", dir.resolve("z").toString())).isEqualTo(2);
        assertThat(ProducersApp.run("trucks", "--loop", "--fast", "--to-file", dir.resolve("w").toString())).isEqualTo(2);
    }
}
