package io.streammesh.producers.gbfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.producers.ProducersApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code producers gbfs-sim} recording to a file: the replay tool's input, with simulated timestamps. */
class GbfsSimCommandTest {

    @TempDir
    Path dir;

    List<JsonNode> record(String... args) throws Exception {
        Path file = dir.resolve("sim.jsonl");
        String[] all = new String[args.length + 3];
        all[0] = "gbfs-sim";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--to-file";
        all[args.length + 2] = file.toString();
        assertThat(ProducersApp.run(all)).isZero();
        return Files.readAllLines(file).stream().map(Json::tree).toList();
    }

    @Test
    void recordsReferenceDataThenAStatusPerStationPerTickWithSimulatedTimes() throws Exception {
        Instant start = Instant.parse("2025-06-02T11:00:00Z");
        List<JsonNode> lines = record("--stations", "20", "--regions", "2", "--duration", "12m", "--tick", "1m",
                "--info-every", "5m", "--start", start.toString(), "--seed", "9");
        Map<String, Long> perTopic = lines.stream().collect(Collectors.groupingBy(l -> l.get("topic").asText(), Collectors.counting()));
        // reference data at 0, 5 and 10 minutes; statuses at 0..12 minutes
        assertThat(perTopic).containsEntry("system.regions", 3 * 2L).containsEntry("stations.info", 3 * 20L)
                .containsEntry("stations.status", 13 * 20L);
        assertThat(lines.get(0).get("topic").asText()).isEqualTo("system.regions");
        assertThat(lines.get(2).get("topic").asText()).isEqualTo("stations.info");
        assertThat(lines.get(0).get("timestamp").asLong()).isEqualTo(start.toEpochMilli());
        assertThat(lines.get(lines.size() - 1).get("timestamp").asLong()).isEqualTo(start.plusSeconds(12 * 60).toEpochMilli());
        long previous = 0;
        for (JsonNode line : lines) {
            assertThat(line.get("timestamp").asLong()).isGreaterThanOrEqualTo(previous);
            previous = line.get("timestamp").asLong();
            if (line.get("topic").asText().equals("stations.status")) {
                JsonNode v = line.get("value");
                assertThat(line.get("key").asText()).isEqualTo(v.get("station_id").asText());
                assertThat(v.get("last_reported").asLong() * 1000).isEqualTo(line.get("timestamp").asLong());
                assertThat(v.has("num_bikes_available") && v.has("num_docks_available") && v.has("num_bikes_disabled")
                        && v.has("num_docks_disabled") && v.has("is_installed")).isTrue();
            }
        }
        // the same seed records the same session
        List<JsonNode> again = record("--stations", "20", "--regions", "2", "--duration", "12m", "--tick", "1m",
                "--info-every", "5m", "--start", start.toString(), "--seed", "9");
        assertThat(again).isEqualTo(lines);
    }

    @Test
    void everyBikeShareSubcommandHasCleanHelp() {
        for (String command : new String[] {"gbfs-sim", "gbfs", "customers"}) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream originalOut = System.out;
            java.io.PrintStream originalErr = System.err;
            int rc;
            try {
                System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
                System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
                rc = ProducersApp.run(command, "--help");
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
            assertThat(rc).isZero();
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Usage: producers " + command).contains("--to-file");
            assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).as(command).doesNotContain("WARN");
        }
    }

    @Test
    void badSettingsAreRejectedWithExitCode2() {
        assertThat(ProducersApp.run("gbfs-sim", "--stations", "3", "--regions", "2", "--to-file", dir.resolve("x.jsonl").toString())).isEqualTo(2);
        assertThat(ProducersApp.run("gbfs-sim", "--speed", "0", "--to-file", dir.resolve("x.jsonl").toString())).isEqualTo(2);
        assertThat(ProducersApp.run("gbfs-sim", "--tick", "soon", "--to-file", dir.resolve("x.jsonl").toString())).isEqualTo(2);
    }
}
