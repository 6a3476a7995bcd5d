package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveStatusTest {

    private static ObjectNode status() {
        return (ObjectNode) Json.tree("""
                {"uptime_seconds": 3725, "page_url": "http://localhost:8080/", "dead_letters": 2, "log_file": "/tmp/demo.log",
                 "mongodb_collection": "marketplace.job_status", "mongodb_documents": 77,
                 "topics": [
                   {"name": "stations.status", "kind": "stream", "role": "input", "records": 1200, "rate": 150.0},
                   {"name": "order_placed", "kind": "stream", "role": "input", "records": 80, "rate": 2.0},
                   {"name": "stations.enriched", "kind": "stream", "role": "output", "records": 1100, "rate": 149.5},
                   {"name": "inventory.redistribution", "kind": "table", "role": "output", "records": 300, "rate": 12.25},
                   {"name": "job_status", "kind": "stream", "role": "output", "records": 70, "rate": 1.5},
                   {"name": "station-enrichment.dlq", "kind": "stream", "role": "dlq", "records": 2, "rate": 0.0}],
                 "components": [
                   {"name": "producers gbfs-sim", "kind": "producer", "state": "RUNNING"},
                   {"name": "station-enrichment", "kind": "service", "state": "RUNNING", "http_port": 41000, "lag": 12, "dead_letters": 2},
                   {"name": "mongo-sink", "kind": "sink", "state": "RETRYING", "http_port": 41001, "lag": null, "dead_letters": 0}]}
                """);
    }

    @Test
    void theBlockShowsRatesPerTopicAndLagAndDeadLettersPerComponent() {
        List<String> lines = LiveStatus.render(status(), 120);
        String all = String.join("\n", lines);

        assertThat(lines.get(0)).contains("up 1:02:05").contains("http://localhost:8080/").contains("dead letters 2");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("stations.status").contains("1200").contains("150.0")
                .contains("stations.enriched").contains("149.5"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("order_placed").contains("inventory.redistribution").contains("12.3"));
        assertThat(all).doesNotContain("station-enrichment.dlq"); // dead letters are shown per service
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("station-enrichment").contains("RUNNING").contains("41000")
                .contains("12").endsWith("2"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("mongo-sink").contains("RETRYING").contains("?"));
        assertThat(all).contains("MongoDB marketplace.job_status: 77 documents").contains("logs: /tmp/demo.log");
    }

    @Test
    void aNarrowTerminalGetsOneTopicColumnAndNoLineWraps() {
        List<String> wide = LiveStatus.render(status(), 120);
        List<String> narrow = LiveStatus.render(status(), 80);
        assertThat(wide).allSatisfy(l -> assertThat(l.length()).isLessThan(LiveStatus.TWO_COLUMNS));
        assertThat(narrow).allSatisfy(l -> assertThat(l.length()).isLessThan(80));
        assertThat(narrow.size()).isGreaterThan(wide.size());
        assertThat(narrow).anySatisfy(l -> assertThat(l).startsWith("stations.enriched").contains("1100").contains("149.5"));
        assertThat(LiveStatus.render(status(), 40)).allSatisfy(l -> assertThat(l.length()).isLessThan(40));
    }

    @Test
    void outsideATerminalItIsOneLine() {
        assertThat(LiveStatus.summary(status())).isEqualTo(
                "demo up 1:02:05: in 1280 records (152/s), out 1470 records (163/s), 2/3 components running, lag 12, dead letters 2");
    }

    @Test
    void redrawingMovesBackToTheTopOfTheBlockInsteadOfScrolling() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveStatus live = new LiveStatus(LiveStatusTest::status, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        live.draw(status());
        String first = bytes.toString(StandardCharsets.UTF_8);
        int lines = LiveStatus.render(status(), 100).size();
        assertThat(first).doesNotContain("\033[" + lines + "F").contains("\033[2K");
        bytes.reset();
        live.draw(status());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\033[" + lines + "F");
    }
}
