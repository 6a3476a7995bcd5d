package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import io.streammesh.offline.ServiceTestDriver.Output;
import io.streammesh.producers.gbfs.GbfsSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GBFS simulator's stations, as station-enrichment would emit them (info and status merged,
 * region name looked up), through two instances of the service on a real broker: a morning rush
 * moves stations across the thresholds, a region is renamed half way (every station of it moves
 * region), a few stations lose their region for a while, and two records lack a station_id. At
 * the end the compacted content of the three tables equals the brute-force recomputation from the
 * latest record of every station.
 */
@KafkaBroker
class InventoryRedistributionIT {

    private static final int STATIONS = 80;
    private static final int REGIONS = 4;
    private static final int TICKS = 60;

    @TempDir
    Path stateDirA;
    @TempDir
    Path stateDirB;

    private static ServiceConfig config(EmbeddedKafkaBroker broker, Path stateDir) {
        return ServiceConfig.of(Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"), Map.of())
                .with(Settings.HTTP_PORT, "0").with(Settings.STATE_DIR, stateDir.toString());
    }

    @Test
    void theRedistributionTableEndsEqualToTheBruteForcePairsOfTheLatestStations(EmbeddedKafkaBroker broker) throws Exception {
        GbfsSimulator simulator = new GbfsSimulator(2025, STATIONS, REGIONS);
        Map<String, String> regionNames = new HashMap<>();
        for (var region : simulator.regions()) {
            regionNames.put(region.regionId(), region.name());
        }
        var infos = new LinkedHashMap<String, Object>();
        var regionIds = new HashMap<String, String>();
        simulator.stationInfos().forEach(info -> {
            infos.put(info.stationId(), info);
            regionIds.put(info.stationId(), info.regionId());
        });
        List<String> ids = new ArrayList<>(infos.keySet());
        Set<String> sometimesWithoutRegion = Set.of(ids.get(3), ids.get(17), ids.get(42), ids.get(61), ids.get(77));
        String renamedRegion = simulator.regions().get(1).regionId();
        String oldName = regionNames.get(renamedRegion);

        Map<String, StationEnriched> latest = new HashMap<>();
        long sent = 0;
        try (ServiceRuntime a = ServiceRuntime.start(new InventoryRedistributionTopology(), config(broker, stateDirA));
             ServiceRuntime b = ServiceRuntime.start(new InventoryRedistributionTopology(), config(broker, stateDirB));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new StringSerializer())) {

            var statuses = simulator.statuses();
            for (int tick = 0; tick <= TICKS; tick++) {
                if (tick == TICKS / 2) {
                    regionNames.put(renamedRegion, regionNames.get(renamedRegion) + " (renamed)");
                }
                boolean regionless = tick >= 20 && tick < 40;
                for (var status : statuses) {
                    String regionName = regionless && sometimesWithoutRegion.contains(status.stationId())
                            ? null : regionNames.get(regionIds.get(status.stationId()));
                    String json = enriched(infos.get(status.stationId()), status, regionName);
                    // the timestamp is now, not the simulated time: the broker's retention applies to record time
                    producer.send(new ProducerRecord<>(Topics.STATIONS_ENRICHED.name(), null, System.currentTimeMillis(),
                            status.stationId(), json));
                    latest.put(status.stationId(), Json.read(json, StationEnriched.class));
                    sent++;
                }
                if (tick == 10) {
                    producer.send(new ProducerRecord<>(Topics.STATIONS_ENRICHED.name(), "x", "{\"capacity\":10}"));
                    producer.send(new ProducerRecord<>(Topics.STATIONS_ENRICHED.name(), null, "{\"name\":\"no id\"}"));
                }
                statuses = simulator.tick();
            }
            producer.flush();
            long flushed = System.nanoTime();

            BruteForce expected = BruteForce.of(latest.values());
            Materialized state = new Materialized(false);
            List<String> deadLetters = new ArrayList<>();
            long[] pairStats = new long[3]; // records, tombstones, peak size
            try (KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.subscribe(List.of(Topics.INVENTORY_AVAILABILITY_HIGH.name(), Topics.INVENTORY_AVAILABILITY_LOW.name(),
                        Topics.INVENTORY_REDISTRIBUTION.name(), "inventory-redistribution.dlq"));
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    List<Output> batch = new ArrayList<>();
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.topic().endsWith(".dlq")) {
                            deadLetters.add(r.value());
                        } else {
                            batch.add(new Output(r.topic(), r.key(), r.value(), r.timestamp(), Map.of()));
                        }
                    }
                    for (Output o : batch) {
                        state.apply(List.of(o));
                        if (o.topic().equals(Topics.INVENTORY_REDISTRIBUTION.name())) {
                            pairStats[0]++;
                            pairStats[1] += o.isTombstone() ? 1 : 0;
                            pairStats[2] = Math.max(pairStats[2], state.pairs.size());
                        }
                    }
                    return state.pairs.equals(expected.pairs) && state.high.equals(expected.high) && state.low.equals(expected.low)
                            && deadLetters.size() >= 2;
                });
                long convergedMs = (System.nanoTime() - flushed) / 1_000_000;
                // nothing more arrives once converged: no late stale update from a lagging task
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(2))) {
                    if (r.topic().endsWith(".dlq")) {
                        deadLetters.add(r.value());
                    } else {
                        state.apply(List.of(new Output(r.topic(), r.key(), r.value(), r.timestamp(), Map.of())));
                    }
                }
                state.assertEquals(expected);
                assertThat(deadLetters).hasSize(2);
                assertThat(state.unchanged).as("updates that changed nothing").isEmpty();

                System.out.printf("inventory-redistribution IT: %d station records in, %d output records (%d tombstones); "
                                + "inventory.redistribution: %d records (%d tombstones), peak %d pairs, final %d pairs, %d high, %d low; "
                                + "converged %d ms after the last input was flushed%n",
                        sent, state.records, state.tombstones, pairStats[0], pairStats[1], pairStats[2], state.pairs.size(),
                        state.high.size(), state.low.size(), convergedMs);
            }
            // the data product filled, changed and shrank: stations crossed the thresholds during the rush
            assertThat(pairStats[2]).as("peak pairs").isGreaterThan(10);
            assertThat(pairStats[1]).as("pair tombstones").isGreaterThan(10);
            assertThat(state.pairs).isNotEmpty();
            // the renamed region's stations all moved: nothing is left under the old name
            List<String> regionsInUse = new ArrayList<>();
            state.high.values().forEach(r -> regionsInUse.add(r.station().regionName()));
            state.low.values().forEach(r -> regionsInUse.add(r.station().regionName()));
            state.pairs.values().forEach(p -> regionsInUse.add(p.regionName()));
            assertThat(regionsInUse).doesNotContain(oldName).contains(regionNames.get(renamedRegion));
            assertThat(a.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(b.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

            try (Admin admin = broker.admin()) {
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.INVENTORY_REDISTRIBUTION.name());
                Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
                assertThat(admin.describeTopics(List.of(Topics.INVENTORY_REDISTRIBUTION.name())).allTopicNames().get()
                        .get(Topics.INVENTORY_REDISTRIBUTION.name()).partitions()).hasSize(6);
            }
        }
    }

    /** What station-enrichment emits: all info fields plus all status fields (status wins) plus region_name. */
    private static String enriched(Object info, Object status, String regionName) {
        ObjectNode node = Json.MAPPER.valueToTree(info);
        node.setAll((ObjectNode) Json.MAPPER.valueToTree(status));
        node.put("region_name", regionName);
        return node.toString();
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "inventory-redistribution-it-check",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
