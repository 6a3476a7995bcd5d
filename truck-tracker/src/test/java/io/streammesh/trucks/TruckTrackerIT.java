package io.streammesh.trucks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import io.streammesh.producers.ProducersApp;
import io.streammesh.contracts.marketplace.TruckTracker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trucks generator through two instances of truck-tracker on a real broker, queried over HTTP. */
@KafkaBroker
class TruckTrackerIT {

    static final int TRUCKS = 30;
    static final TypeReference<List<TruckTracker>> ROWS = new TypeReference<>() {
    };

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyTruckEndsArrivedAtDistanceZeroAndEitherInstanceAnswersForEveryJob(EmbeddedKafkaBroker broker) throws Exception {
        try (ServiceRuntime a = ServiceRuntime.start(new TruckTrackerTopology(), config(broker, stateA));
             ServiceRuntime b = ServiceRuntime.start(new TruckTrackerTopology(), config(broker, stateB))) {
            // both instances own partitions of the table before any data arrives
            await().atMost(Duration.ofSeconds(90)).until(() -> a.streams().state() == KafkaStreams.State.RUNNING
                    && b.streams().state() == KafkaStreams.State.RUNNING
                    && a.streams().streamsMetadataForStore(TruckTrackerTopology.STORE).size() == 2
                    && a.streams().streamsMetadataForStore(TruckTrackerTopology.STORE).stream()
                    .allMatch(m -> !m.topicPartitions().isEmpty()));

            int rc = ProducersApp.run("trucks", "-b", broker.bootstrapServers(), "--trucks", String.valueOf(TRUCKS),
                    "--trip-ticks", "20", "--tick", "50ms", "--first-job-id", "1", "--seed", "3", "--summary-every", "1h");
            assertThat(rc).isZero();

            // the pull query over both instances: every job's truck has arrived
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> all = get(a, "/trucks");
                assertThat(all.statusCode()).isEqualTo(200);
                List<TruckTracker> rows = Json.MAPPER.readValue(all.body(), ROWS);
                assertThat(rows).hasSize(TRUCKS);
                assertThat(rows).allSatisfy(row -> {
                    assertThat(row.state()).isEqualTo("ARRIVED");
                    assertThat(row.distanceFromDestination()).isZero();
                    assertThat(row.etaSeconds()).isZero();
                    assertThat(row.lat()).isEqualTo(row.destLat());
                    assertThat(row.lon()).isEqualTo(row.destLong());
                });
            });
            List<TruckTracker> fromA = Json.MAPPER.readValue(get(a, "/trucks").body(), ROWS);
            List<TruckTracker> fromB = Json.MAPPER.readValue(get(b, "/trucks").body(), ROWS);
            assertThat(fromB).isEqualTo(fromA);
            // the rows in key order, as the query API's scan (/v1/tables/truck_tracker) gives them
            assertThat(fromA).extracting(TruckTracker::jobId).isSorted()
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, TRUCKS).mapToObj(String::valueOf).toList());
            List<String> scanned = new java.util.ArrayList<>();
            Json.tree(get(b, "/v1/tables/truck_tracker?limit=1000").body()).get("rows").forEach(r -> scanned.add(r.get("key").asText()));
            assertThat(scanned).containsExactlyElementsOf(fromA.stream().map(TruckTracker::jobId).toList());

            // the output topic tells the same story: the latest row per job is ARRIVED at distance 0
            Map<String, TruckTracker> latest = latestRows(broker);
            assertThat(latest).hasSize(TRUCKS);
            assertThat(latest.values()).allSatisfy(row -> {
                assertThat(row.state()).isEqualTo("ARRIVED");
                assertThat(row.distanceFromDestination()).isZero();
            });

            // any instance answers for any job: the one that does not own it asks the one that does
            int ownedByA = 0;
            int ownedByB = 0;
            for (TruckTracker row : fromA) {
                int owner = a.streams().queryMetadataForKey(TruckTrackerTopology.STORE, row.jobId(), Serdes.String().serializer())
                        .activeHost().port();
                ServiceRuntime notOwner = owner == a.httpPort() ? b : a;
                if (notOwner == b) {
                    ownedByA++;
                } else {
                    ownedByB++;
                }
                for (String path : List.of("/trucks/", "/v1/tables/truck_tracker/")) {
                    HttpResponse<String> one = get(notOwner, path + row.jobId());
                    assertThat(one.statusCode()).isEqualTo(200);
                    assertThat(Json.read(one.body(), TruckTracker.class)).isEqualTo(row);
                    assertThat(one.headers().firstValue("Streammesh-Served-By")).hasValue("localhost:" + owner);
                }
            }
            assertThat(ownedByA).isPositive();
            assertThat(ownedByB).isPositive();

            assertThat(get(a, "/trucks/999999").statusCode()).isEqualTo(404);
            assertThat(get(b, "/trucks/999999").statusCode()).isEqualTo(404);
            assertThat(get(a, "/trucks/1/extra").statusCode()).isEqualTo(404);
            assertThat(get(a, "/v1/tables/joblocation?limit=1000").statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + a.httpPort() + "/trucks"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
            assertThat(DeadLetters.count("truck-tracker")).isZero();
        }
    }

    private static ServiceConfig config(EmbeddedKafkaBroker broker, Path stateDir) {
        return ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers(), "commit.interval.ms", "100"),
                Map.of("http.port", "0", "state.dir", stateDir.toString()));
    }

    private HttpResponse<String> get(ServiceRuntime instance, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort() + path))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, TruckTracker> latestRows(EmbeddedKafkaBroker broker) {
        Map<String, TruckTracker> latest = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "truck-tracker-it-check",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.TRUCK_TRACKER.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(r.key(), Json.read(r.value(), TruckTracker.class));
                }
                return latest.size() == TRUCKS && latest.values().stream().allMatch(row -> row.state().equals("ARRIVED"));
            });
        }
        return latest;
    }
}
