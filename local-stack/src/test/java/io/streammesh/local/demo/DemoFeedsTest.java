package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.runtime.HttpEndpoint;
import io.streammesh.contracts.Json;
import io.streammesh.local.Lineage;
import io.streammesh.local.deploy.Repo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./streammesh demo --gbfs-url URL}: the real GBFS source runs instead of the simulator, and
 * the page shows each feed file's health. The feed is the producers' GBFS 2.3 fixture served by a
 * local HTTP server, its discovery URLs pointed at that server.
 */
class DemoFeedsTest {

    static final Path FIXTURES = Repo.file("producers/src/test/resources/gbfs/v2.3");

    @TempDir
    Path dir;

    @Test
    void withAGbfsUrlTheDemoReadsTheRealFeedAndThePageShowsEachFilesHealth() throws Exception {
        try (HttpEndpoint publisher = HttpEndpoint.start("gbfs-fixture", 0, () -> new HttpEndpoint.Health(true, "UP"), () -> "")) {
            String base = "http://localhost:" + publisher.port();
            publisher.route("/", call -> {
                Path file = FIXTURES.resolve(call.path().substring(1) + (call.path().endsWith(".json") ? "" : ".json"));
                if (!Files.isRegularFile(file)) {
                    call.error(404, "no " + call.path());
                    return;
                }
                call.respond(200, "application/json", Files.readString(file).replace("https://test.com", base));
            });

            List<DemoProducers.Generator> generators = DemoOptions.generators(base + "/gbfs.json", 10, 60, 10, 1, 1);
            assertThat(generators.get(0)).isEqualTo(new DemoProducers.Generator("gbfs", List.of("--gbfs-url", base + "/gbfs.json")));
            assertThat(generators).extracting(DemoProducers.Generator::subcommand).doesNotContain("gbfs-sim");

            DemoApi api = new DemoApi(new PageState(), Json.MAPPER::createObjectNode, Map.of(), Lineage.build(List.of()),
                    new DemoTables(t -> null), null);
            try (DemoProducers producers = new DemoProducers()) {
                producers.start(List.of(generators.get(0)), List.of("--to-file", dir.resolve("feed.jsonl").toString()));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode feeds = api.feeds().get("feeds");
                    List<String> files = new ArrayList<>();
                    feeds.forEach(f -> files.add(f.get("feed").asText()));
                    assertThat(files).contains("station_information", "station_status");
                    feeds.forEach(f -> {
                        assertThat(f.get("source").asText()).isEqualTo(base + "/gbfs.json");
                        assertThat(f.get("requests").asLong()).as(f.get("feed").asText()).isPositive();
                        assertThat(f.get("last_result").asText()).as(f.get("feed").asText()).isEqualTo("200");
                        assertThat(f.get("stale").asBoolean()).isFalse();
                    });
                });
                assertThat(Files.readString(dir.resolve("feed.jsonl"))).contains("\"topic\":\"stations.info\"");
            }
        }
        assertThat(new DemoApi(new PageState(), Json.MAPPER::createObjectNode, Map.of(), Lineage.build(List.of()),
                new DemoTables(t -> null), null).feeds().get("feeds")).as("the source stopped with the demo").isEmpty();
    }
}
