package io.streammesh.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import io.streammesh.producers.ProducersApp;
import io.streammesh.producers.gbfs.GbfsSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The simulator publishing three simulated hours at high speed into the real broker, two instances of station-enrichment
 * sharing the work: every status of a known station becomes exactly one enriched record, the others are
 * counted, and stations.info.latest ends with every station and its region's name.
 */
@KafkaBroker
class StationEnrichmentIT {

    static final int STATIONS = 60;
    static final int REGIONS = 3;
    static final long SEED = 5;
    static final Instant START = Instant.parse("2025-06-02T10:00:00Z");

    @TempDir
    Path stateDir;

    record Key(String station, long lastReported) {
    }

    @Test
    void everyStatusOfAKnownStationYieldsExactlyOneEnrichedRecord(EmbeddedKafkaBroker broker) throws Exception {
        long unknownBefore = RecordCounters.count(StationEnrichmentTopology.NAME, StationEnrichmentTopology.UNKNOWN_STATION);

        // two instances: each task must get every region, whichever instance runs it
        try (ServiceRuntime first = ServiceRuntime.start(new StationEnrichmentTopology(), config(broker, "a"));
             ServiceRuntime second = ServiceRuntime.start(new StationEnrichmentTopology(), config(broker, "b"))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> first.streams().state() == KafkaStreams.State.RUNNING
                    && second.streams().state() == KafkaStreams.State.RUNNING
                    && !first.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty()
                    && !second.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty());

            int rc = ProducersApp.run("gbfs-sim", "-b", broker.bootstrapServers(), "--stations", "" + STATIONS, "--regions", "" + REGIONS,
                    "--start", START.toString(), "--duration", "3h", "--speed", "3600", "--info-every", "30m", "--seed", "" + SEED,
                    "--summary-every", "2s");
            assertThat(rc).isZero();
            int ticks = 3 * 60 + 1;
            int statuses = ticks * STATIONS;

            Map<Key, JsonNode> statusByKey = new HashMap<>();
            Map<Key, JsonNode> enrichedByKey = new HashMap<>();
            Map<String, JsonNode> latest = new HashMap<>();
            long[] enrichedCount = {0};
            try (KafkaConsumer<String, byte[]> consumer = consumer(broker)) {
                consumer.subscribe(List.of(Topics.STATIONS_STATUS.name(), Topics.STATIONS_ENRICHED.name(), Topics.STATIONS_INFO_LATEST.name()));
                await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        JsonNode value = r.value() == null ? null : Json.tree(new String(r.value(), StandardCharsets.UTF_8));
                        if (r.topic().equals(Topics.STATIONS_INFO_LATEST.name())) {
                            latest.put(r.key(), value);
                            continue;
                        }
                        Key key = new Key(value.get("station_id").asText(), value.get("last_reported").asLong());
                        if (r.topic().equals(Topics.STATIONS_STATUS.name())) {
                            assertThat(statusByKey.put(key, value)).as("status %s twice", key).isNull();
                        } else {
                            enrichedCount[0]++;
                            assertThat(enrichedByKey.put(key, value)).as("enriched %s twice", key).isNull();
                        }
                    }
                    long unknown = RecordCounters.count(StationEnrichmentTopology.NAME, StationEnrichmentTopology.UNKNOWN_STATION) - unknownBefore;
                    return statusByKey.size() == statuses && enrichedCount[0] + unknown == statuses;
                });
                // and nothing more arrives
                consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
                    if (r.topic().equals(Topics.STATIONS_ENRICHED.name())) {
                        enrichedCount[0]++;
                    }
                });
            }
            long unknown = RecordCounters.count(StationEnrichmentTopology.NAME, StationEnrichmentTopology.UNKNOWN_STATION) - unknownBefore;
            System.out.printf("statuses=%d enriched=%d unknown-station=%d info-latest rows=%d%n", statuses, enrichedCount[0], unknown, latest.size());

            assertThat(enrichedCount[0] + unknown).isEqualTo(statuses);
            assertThat(enrichedByKey).hasSize((int) enrichedCount[0]);
            // how many statuses race their station's very first info (counted drops, not lost: the sum
            // above holds) depends on which partition Kafka Streams polls first: printed, not bounded
            assertThat(statusByKey.keySet()).containsAll(enrichedByKey.keySet());
            enrichedByKey.forEach((key, enriched) -> statusByKey.get(key).fields().forEachRemaining(f ->
                    assertThat(enriched.get(f.getKey())).as("%s of %s", f.getKey(), key).isEqualTo(f.getValue())));

            // info-latest: every station, with its region's name; the enriched records carry its fields
            var sim = new GbfsSimulator(new GbfsSimulator.Settings(SEED, STATIONS, REGIONS, START,
                    GbfsSimulator.DEFAULT_TICK, GbfsSimulator.DEFAULT_ZONE));
            Map<String, String> regionNames = new HashMap<>();
            sim.regions().forEach(r -> regionNames.put(r.regionId(), r.name()));
            assertThat(latest).hasSize(STATIONS);
            for (var info : sim.stationInfos()) {
                JsonNode row = latest.get(info.stationId());
                assertThat(row.get("name").asText()).isEqualTo(info.name());
                assertThat(row.get("capacity").asInt()).isEqualTo(info.capacity());
                assertThat(row.get("region_name").asText()).isEqualTo(regionNames.get(info.regionId()));
            }
            Set<String> enrichedStations = new HashSet<>();
            enrichedByKey.forEach((key, e) -> {
                enrichedStations.add(key.station());
                assertThat(e.get("capacity").asInt()).isEqualTo(latest.get(key.station()).get("capacity").asInt());
                assertThat(e.get("lat").asDouble()).isEqualTo(latest.get(key.station()).get("lat").asDouble());
            });
            assertThat(enrichedStations).hasSize(STATIONS);
            assertThat(sim.regions()).extracting(r -> r.name()).allSatisfy(name ->
                    assertThat(enrichedByKey.values()).anySatisfy(e -> assertThat(e.get("region_name").asText()).isEqualTo(name)));
            assertThat(DeadLetters.count(StationEnrichmentTopology.NAME)).isZero();
        }
    }

    private ServiceConfig config(EmbeddedKafkaBroker broker, String instance) {
        return ServiceConfig.of(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"), Map.of())
                .with(Settings.HTTP_PORT, "0").with(Settings.STATE_DIR, stateDir.resolve(instance).toString());
    }

    private static KafkaConsumer<String, byte[]> consumer(EmbeddedKafkaBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "station-enrichment-it-check",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
    }
}
