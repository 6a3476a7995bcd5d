package io.streammesh.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws Exception {
        return Path.of(ReplayCommandTest.class.getResource(name).toURI());
    }

    @Test
    void replaysRecordedInputAndWritesEveryEmissionInOrderWithDeadLetters() throws Exception {
        Path out = dir.resolve("out.jsonl");
        int rc = StreamMeshCli.run("replay", "echo-test", "--input", resource("/replay/echo-input.jsonl").toString(),
                "--output", out.toString());
        assertThat(rc).isZero();

        List<JsonNode> lines = Files.readAllLines(out).stream().map(Json::tree).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).toString()).isEqualTo(
                "{\"topic\":\"echo.out\",\"key\":\"a\",\"value\":{\"id\":\"count\",\"value\":1},\"timestamp\":1700000000000}");
        assertThat(lines.get(1).toString()).isEqualTo(
                "{\"topic\":\"echo.out\",\"key\":\"a\",\"value\":{\"id\":\"count\",\"value\":2},\"timestamp\":1700000001000}");

        JsonNode broken = lines.get(2);
        assertThat(broken.get("topic").asText()).isEqualTo("echo-test.dlq");
        assertThat(broken.get("key").asText()).isEqualTo("b");
        assertThat(broken.get("value").asText()).isEqualTo("{broken");
        assertThat(broken.get("headers").get("streammesh.error.stage").asText()).isEqualTo("deserialization");
        assertThat(broken.get("headers").get("streammesh.error.topic").asText()).isEqualTo("echo.in");

        JsonNode missingId = lines.get(3);
        assertThat(missingId.get("topic").asText()).isEqualTo("echo-test.dlq");
        assertThat(missingId.get("headers").get("streammesh.error.message").asText()).contains("id is missing");
        assertThat(missingId.get("value").get("value").asInt()).isEqualTo(3);

        assertThat(lines.get(4).get("key").asText()).isEqualTo("b");
        assertThat(lines.get(4).get("value").get("value").asInt()).isEqualTo(1);
    }

    @Test
    void unknownServiceIsNamedWithTheKnownOnes() throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = StreamMeshCli.run("replay", "no-such-service", "--input", resource("/replay/echo-input.jsonl").toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown service 'no-such-service'").contains("station-enrichment");
    }

    @Test
    void lineageComesFromTheTopologies() {
        Lineage lineage = Lineage.build(List.of(new EchoService()));
        assertThat(lineage.edges()).contains(new Lineage.Edge("topic:echo.in", "service:echo-test"),
                new Lineage.Edge("service:echo-test", "topic:echo.out"),
                new Lineage.Edge("producer:marketplace", "topic:job_created"),
                new Lineage.Edge("topic:job_status", "service:mongo-sink"));
        assertThat(lineage.toMermaid()).startsWith("flowchart LR\n")
                .contains("topic_echo_in --> service_echo_test")
                .contains("service_echo_test[[\"echo-test\"]]");
    }
}
