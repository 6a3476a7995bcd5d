package io.streammesh.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per rule of the spec's "station-enrichment" section, on the real topology, offline. */
class StationEnrichmentTopologyTest {

    static final String INFO = Topics.STATIONS_INFO.name();
    static final String STATUS = Topics.STATIONS_STATUS.name();
    static final String REGIONS = Topics.SYSTEM_REGIONS.name();
    static final String LATEST = Topics.STATIONS_INFO_LATEST.name();
    static final String ENRICHED = Topics.STATIONS_ENRICHED.name();
    static final String DLQ = "station-enrichment.dlq";

    ServiceTestDriver driver;
    long unknownBefore;

    @BeforeEach
    void start() {
        driver = ServiceTestDriver.of(new StationEnrichmentTopology());
        unknownBefore = unknownStations();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static long unknownStations() {
        return RecordCounters.count(StationEnrichmentTopology.NAME, StationEnrichmentTopology.UNKNOWN_STATION);
    }

    static String info(String id, String region, int capacity) {
        return "{\"station_id\":\"" + id + "\",\"name\":\"Station " + id + "\",\"lat\":40.7,\"lon\":-74.0,"
                + (region == null ? "" : "\"region_id\":\"" + region + "\",") + "\"capacity\":" + capacity + "}";
    }

    static String status(String id, int bikes, int docks, long lastReported) {
        return "{\"station_id\":\"" + id + "\",\"num_bikes_available\":" + bikes + ",\"num_docks_available\":" + docks
                + ",\"is_installed\":true,\"is_renting\":true,\"is_returning\":true,\"last_reported\":" + lastReported + "}";
    }

    static String region(String id, String name) {
        return "{\"region_id\":\"" + id + "\",\"name\":\"" + name + "\"}";
    }

    @Test
    void readsTheSpecTopicsAndWritesInfoLatestAndEnriched() {
        TopologyTopics topics = TopologyTopics.of(new StationEnrichmentTopology().build(ServiceConfig.empty()));
        assertThat(topics.inputs()).containsExactlyInAnyOrder(INFO, STATUS, REGIONS);
        assertThat(topics.outputs()).containsExactlyInAnyOrder(LATEST, ENRICHED);
    }

    @Test
    void infoBeforeItsRegionHasANullRegionNameThenTheRegionFillsItIn() {
        driver.pipeJson(INFO, "S1", info("S1", "R1", 20), 1_000);
        List<Output> first = driver.drain();
        assertThat(first).extracting(Output::topic, Output::key).containsExactly(tuple(LATEST, "S1"));
        assertThat(Json.tree(first.get(0).value()).has("region_name")).isTrue();
        assertThat(first.get(0).valueAs(StationInfoLatest.class).regionName()).isNull();

        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 2_000);
        List<Output> second = driver.drain();
        assertThat(second).extracting(Output::topic, Output::key).containsExactly(tuple(LATEST, "S1"));
        StationInfoLatest latest = second.get(0).valueAs(StationInfoLatest.class);
        assertThat(latest.regionName()).isEqualTo("Downtown");
        assertThat(latest.station().capacity()).isEqualTo(20);
        assertThat(latest.station().name()).isEqualTo("Station S1");
    }

    @Test
    void infoAfterItsRegionGetsTheRegionNameAtOnce() {
        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 1_000);
        assertThat(driver.drain()).isEmpty();
        driver.pipeJson(INFO, "S1", info("S1", "R1", 20), 2_000);
        List<Output> out = driver.drain();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).valueAs(StationInfoLatest.class).regionName()).isEqualTo("Downtown");
    }

    @Test
    void renamingARegionReEmitsTheLatestInfoOfItsStationsOnly() {
        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 1_000);
        driver.pipeJson(REGIONS, "R2", region("R2", "Uptown"), 1_000);
        driver.pipeJson(INFO, "S1", info("S1", "R1", 20), 2_000);
        driver.pipeJson(INFO, "S2", info("S2", "R1", 30), 2_000);
        driver.pipeJson(INFO, "S3", info("S3", "R2", 40), 2_000);
        driver.pipeJson(INFO, "S1", info("S1", "R1", 25), 3_000); // the latest info of S1 is what gets re-emitted
        driver.drain();

        driver.pipeJson(REGIONS, "R1", region("R1", "Financial District"), 4_000);
        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::topic).containsOnly(LATEST);
        assertThat(out).extracting(Output::key).containsExactlyInAnyOrder("S1", "S2");
        assertThat(out).extracting(o -> o.valueAs(StationInfoLatest.class).regionName()).containsOnly("Financial District");
        assertThat(out.stream().filter(o -> o.key().equals("S1")).findFirst().orElseThrow()
                .valueAs(StationInfoLatest.class).station().capacity()).isEqualTo(25);

        // and the statuses that follow carry the new name
        driver.pipeJson(STATUS, "S2", status("S2", 3, 27, 5), 5_000);
        assertThat(driver.drain(ENRICHED).get(0).valueAs(StationEnriched.class).regionName()).isEqualTo("Financial District");
    }

    @Test
    void aStationMovedToAnotherRegionFollowsItsNewRegionOnly() {
        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 1_000);
        driver.pipeJson(REGIONS, "R2", region("R2", "Uptown"), 1_000);
        driver.pipeJson(INFO, "S1", info("S1", "R1", 20), 2_000);
        driver.pipeJson(INFO, "S1", info("S1", "R2", 20), 3_000);
        assertThat(driver.drain(LATEST)).last().extracting(o -> o.valueAs(StationInfoLatest.class).regionName()).isEqualTo("Uptown");

        driver.pipeJson(REGIONS, "R1", region("R1", "Old Town"), 4_000);
        assertThat(driver.drain()).isEmpty();
        driver.pipeJson(REGIONS, "R2", region("R2", "Harlem"), 5_000);
        assertThat(driver.drain(LATEST)).extracting(o -> o.valueAs(StationInfoLatest.class).regionName()).containsExactly("Harlem");
    }

    @Test
    void aStationWithoutRegionIdOrWithAnUnknownRegionHasANullRegionName() {
        driver.pipeJson(INFO, "S1", info("S1", null, 20), 1_000);
        driver.pipeJson(INFO, "S2", info("S2", "nowhere", 20), 1_000);
        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::key).containsExactly("S1", "S2");
        assertThat(out).extracting(o -> o.valueAs(StationInfoLatest.class).regionName()).containsOnlyNulls();

        driver.pipeJson(STATUS, "S1", status("S1", 1, 19, 10), 2_000);
        List<Output> enriched = driver.drain();
        assertThat(enriched).extracting(Output::topic).containsExactly(ENRICHED);
        assertThat(Json.tree(enriched.get(0).value()).get("region_name").isNull()).isTrue();
    }

    @Test
    void aStatusBeforeItsStationInfoIsNotEmittedButCounted() {
        driver.pipeJson(STATUS, "S1", status("S1", 5, 15, 100), 1_000);
        assertThat(driver.drain()).isEmpty();
        assertThat(unknownStations()).isEqualTo(unknownBefore + 1);

        driver.pipeJson(INFO, "S1", info("S1", null, 20), 2_000);
        driver.pipeJson(STATUS, "S1", status("S1", 6, 14, 160), 3_000);
        List<Output> out = driver.drain(ENRICHED);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).valueAs(StationEnriched.class).status().numBikesAvailable()).isEqualTo(6);
        assertThat(out.get(0).timestamp()).isEqualTo(3_000);
        assertThat(unknownStations()).isEqualTo(unknownBefore + 1);
    }

    @Test
    void theLatestInfoIsUsedForEachStatus() {
        driver.pipeJson(INFO, "S1", info("S1", null, 20), 1_000);
        driver.pipeJson(STATUS, "S1", status("S1", 5, 15, 100), 2_000);
        driver.pipeJson(INFO, "S1", info("S1", null, 40).replace("Station S1", "Renamed S1"), 3_000);
        driver.pipeJson(STATUS, "S1", status("S1", 7, 33, 200), 4_000);
        List<StationEnriched> out = driver.drain(ENRICHED).stream().map(o -> o.valueAs(StationEnriched.class)).toList();
        assertThat(out).extracting(e -> e.info().capacity(), e -> e.info().name(), e -> e.status().numBikesAvailable())
                .containsExactly(tuple(20, "Station S1", 5), tuple(40, "Renamed S1", 7));
    }

    @Test
    void everyStatusOfAKnownStationYieldsExactlyOneEnrichedRecord() {
        driver.pipeJson(INFO, "S1", info("S1", null, 20), 1_000);
        driver.pipeJson(INFO, "S2", info("S2", null, 20), 1_000);
        driver.drain();
        for (int i = 0; i < 50; i++) {
            driver.pipeJson(STATUS, i % 2 == 0 ? "S1" : "S2", status(i % 2 == 0 ? "S1" : "S2", i % 20, 20 - i % 20, i), 2_000 + i);
        }
        List<Output> out = driver.drain();
        assertThat(out).hasSize(50).extracting(Output::topic).containsOnly(ENRICHED);
        assertThat(out).extracting(o -> o.valueAs(StationEnriched.class).status().lastReported()).doesNotHaveDuplicates();
    }

    @Test
    void allInfoAndStatusFieldsPassThroughInOrderWithStationIdOnce() {
        String fullInfo = """
                {"station_id":"S1","name":"W 21 St & 6 Ave","short_name":"6140.05","lat":40.74173969,"lon":-73.99415556,
                 "address":"W 21 St","cross_street":"6 Ave","region_id":"71","post_code":"10011",
                 "rental_methods":["KEY","CREDITCARD"],"is_virtual_station":false,
                 "station_area":{"type":"MultiPolygon","coordinates":[[[[-73.99,40.74],[-73.98,40.74],[-73.99,40.75],[-73.99,40.74]]]]},
                 "parking_type":"street_parking","parking_hoop":false,"contact_phone":"+12125550100","capacity":55,
                 "vehicle_capacity":{"ebike":5},"is_valet_station":false,"is_charging_station":true,
                 "rental_uris":{"android":"https://a.example/S1","ios":"https://i.example/S1","web":"https://w.example/S1"},
                 "vehicle_type_capacity":{"classic":50,"ebike":5}}""";
        String fullStatus = """
                {"station_id":"S1","num_bikes_available":10,"vehicle_types_available":[{"vehicle_type_id":"classic","count":8},{"vehicle_type_id":"ebike","count":2}],
                 "num_bikes_disabled":1,"num_docks_available":42,"num_docks_disabled":2,"is_installed":true,"is_renting":true,
                 "is_returning":false,"last_reported":1751437263,
                 "vehicle_docks_available":[{"vehicle_type_ids":["classic","ebike"],"count":42}]}""";
        driver.pipeJson(REGIONS, "71", region("71", "JC District"), 500);
        driver.pipeJson(INFO, "S1", fullInfo, 1_000);
        driver.pipeJson(STATUS, "S1", fullStatus, 2_000);
        List<Output> out = driver.drain(ENRICHED);
        assertThat(out).hasSize(1);

        JsonNode expected = Json.tree(fullInfo);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("region_name", "JC District");
        Json.tree(fullStatus).fields().forEachRemaining(f -> ((com.fasterxml.jackson.databind.node.ObjectNode) expected).set(f.getKey(), f.getValue()));
        assertThat(out.get(0).value()).isEqualTo(expected.toString());
        assertThat(out.get(0).key()).isEqualTo("S1");
    }

    @Test
    void upperCaseFieldNamesFromKsqlDbEraProducersAreAccepted() {
        driver.pipeJson(REGIONS, "R1", "{\"REGION_ID\":\"R1\",\"NAME\":\"Downtown\"}", 1_000);
        driver.pipeJson(INFO, "S1", "{\"STATION_ID\":\"S1\",\"NAME\":\"Upper\",\"REGION_ID\":\"R1\",\"CAPACITY\":30}", 2_000);
        driver.pipeJson(STATUS, "S1", "{\"STATION_ID\":\"S1\",\"NUM_BIKES_AVAILABLE\":4,\"Num_Docks_Available\":26}", 3_000);
        StationEnriched e = driver.drain(ENRICHED).get(0).valueAs(StationEnriched.class);
        assertThat(e.regionName()).isEqualTo("Downtown");
        assertThat(e.info().capacity()).isEqualTo(30);
        assertThat(e.status().numBikesAvailable()).isEqualTo(4);
        assertThat(e.status().numDocksAvailable()).isEqualTo(26);
    }

    @Test
    void theValuesIdWinsOverADifferentRecordKey() {
        long before = RecordCounters.rerouted(StationEnrichmentTopology.NAME, INFO);
        driver.pipeJson(REGIONS, "other", region("R1", "Downtown"), 1_000);
        driver.pipeJson(INFO, "other", info("S1", "R1", 20), 2_000);
        driver.pipeJson(STATUS, "S2", status("S1", 2, 18, 7), 3_000);
        assertThat(driver.drain()).extracting(Output::topic, Output::key).containsExactly(tuple(LATEST, "S1"), tuple(ENRICHED, "S1"));
        assertThat(RecordCounters.rerouted(StationEnrichmentTopology.NAME, INFO)).isEqualTo(before + 1);
    }

    /**
     * A producer that does not place keys as Kafka's Java client does (librdkafka's CRC32 default):
     * with six partitions, TopologyTestDriver's partition 0 is the wrong one for this station, so
     * its info and status are re-routed by the key rule, counted, and still meet.
     */
    @Test
    void recordsOnTheWrongPartitionAreReRoutedCountedAndJoined() {
        String station = IntStream.range(0, 100).mapToObj(i -> "S" + i)
                .filter(id -> Keys.partitionFor(id, 6) != 0).findFirst().orElseThrow();
        long infoBefore = RecordCounters.rerouted(StationEnrichmentTopology.NAME, INFO);
        long statusBefore = RecordCounters.rerouted(StationEnrichmentTopology.NAME, STATUS);
        try (ServiceTestDriver six = ServiceTestDriver.of(new StationEnrichmentTopology(), ServiceConfig.empty()
                .withInputPartitions(Map.of(INFO, 6, STATUS, 6)))) {
            six.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 1_000);
            six.pipeJson(INFO, station, info(station, "R1", 20), 2_000);
            six.pipeJson(STATUS, station, status(station, 4, 16, 9), 3_000);
            List<Output> out = six.drain();
            assertThat(out).extracting(Output::topic, Output::key).containsExactly(tuple(LATEST, station), tuple(ENRICHED, station));
            StationEnriched enriched = out.get(1).valueAs(StationEnriched.class);
            assertThat(enriched.regionName()).isEqualTo("Downtown");
            assertThat(enriched.info().capacity()).isEqualTo(20);
            assertThat(enriched.status().numBikesAvailable()).isEqualTo(4);
        }
        assertThat(RecordCounters.rerouted(StationEnrichmentTopology.NAME, INFO)).isEqualTo(infoBefore + 1);
        assertThat(RecordCounters.rerouted(StationEnrichmentTopology.NAME, STATUS)).isEqualTo(statusBefore + 1);
    }

    @Test
    void nullKeysAreTakenFromTheValue() {
        driver.pipeJson(REGIONS, null, region("R1", "Downtown"), 1_000);
        driver.pipeJson(INFO, null, info("S1", "R1", 20), 2_000);
        List<Output> latest = driver.drain();
        assertThat(latest).extracting(Output::topic, Output::key).containsExactly(tuple(LATEST, "S1"));
        assertThat(latest.get(0).valueAs(StationInfoLatest.class).regionName()).isEqualTo("Downtown");

        driver.pipeJson(STATUS, null, status("S1", 2, 18, 7), 3_000);
        assertThat(driver.drain()).extracting(Output::topic, Output::key).containsExactly(tuple(ENRICHED, "S1"));
    }

    @Test
    void anInfoTombstoneDeletesTheStationAndItsLaterStatusesAreCounted() {
        driver.pipeJson(INFO, "S1", info("S1", null, 20), 1_000);
        driver.drain();
        driver.pipeJson(INFO, "S1", null, 2_000);
        assertThat(driver.drain()).extracting(Output::topic, Output::key, Output::value).containsExactly(tuple(LATEST, "S1", null));

        long before = unknownStations();
        driver.pipeJson(STATUS, "S1", status("S1", 5, 15, 100), 3_000);
        assertThat(driver.drain()).isEmpty();
        assertThat(unknownStations()).isEqualTo(before + 1);
    }

    @Test
    void aRegionTombstoneLeavesItsStationsWithANullRegionName() {
        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 1_000);
        driver.pipeJson(INFO, "S1", info("S1", "R1", 20), 2_000);
        driver.drain();
        driver.pipeJson(REGIONS, "R1", null, 3_000);
        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(tuple(LATEST, "S1"));
        assertThat(out.get(0).valueAs(StationInfoLatest.class).regionName()).isNull();
    }

    @Test
    void aStatusTombstoneOrATombstoneWithoutAKeyIsDeadLetteredWithItsReason() {
        // stations.status is a stream of events: a record without a value says nothing to enrich
        driver.pipeJson(INFO, "S1", info("S1", null, 20), 1_000);
        driver.drain();
        driver.pipeJson(STATUS, "S1", null, 2_000);
        driver.pipeJson(INFO, null, null, 2_100);
        List<Output> dead = driver.drain();
        assertThat(dead).extracting(Output::topic, Output::key, o -> o.headers().get(DeadLetters.TOPIC))
                .containsExactly(tuple(DLQ, "S1", STATUS), tuple(DLQ, null, INFO));
        assertThat(dead.get(0).headers().get(DeadLetters.MESSAGE)).contains("tombstone").contains("on stream stations.status");
        assertThat(dead.get(1).headers().get(DeadLetters.MESSAGE)).contains("tombstone without a key");
    }

    @Test
    void badJsonAndRecordsWithoutTheirIdGoToTheDeadLetterTopicAndTheServiceGoesOn() {
        driver.pipeJson(INFO, "S1", "{not json", 1_000);
        driver.pipeJson(INFO, "S2", "{\"name\":\"no id\",\"capacity\":10}", 1_100);
        driver.pipeJson(STATUS, "S1", "[1,2,3]", 1_200);
        driver.pipeJson(STATUS, null, "{\"num_bikes_available\":3}", 1_300);
        driver.pipeJson(REGIONS, "R1", "{\"name\":\"no id\"}", 1_400);
        driver.pipeJson(INFO, "S1", "{\"station_id\":\"S1\",\"capacity\":\"lots\"}", 1_500);
        List<Output> dead = driver.drain();
        assertThat(dead).extracting(Output::topic).containsOnly(DLQ);
        assertThat(dead).extracting(Output::key, Output::value).containsExactly(
                tuple("S1", "{not json"),
                tuple("S2", "{\"name\":\"no id\",\"capacity\":10}"),
                tuple("S1", "[1,2,3]"),
                tuple(null, "{\"num_bikes_available\":3}"),
                tuple("R1", "{\"name\":\"no id\"}"),
                tuple("S1", "{\"station_id\":\"S1\",\"capacity\":\"lots\"}"));
        assertThat(dead).allSatisfy(o -> assertThat(o.headers()).containsKey(DeadLetters.TOPIC).containsKey(DeadLetters.MESSAGE));
        assertThat(dead.get(1).headers().get(DeadLetters.MESSAGE)).contains("station_id is missing");
        assertThat(dead.get(4).headers().get(DeadLetters.MESSAGE)).contains("region_id is missing");

        driver.pipeJson(INFO, "S1", info("S1", null, 20), 2_000);
        driver.pipeJson(STATUS, "S1", status("S1", 1, 19, 5), 3_000);
        assertThat(driver.drain()).extracting(Output::topic).containsExactly(LATEST, ENRICHED);
    }

    @Test
    void republishedUnchangedInfoAndRegionsEmitNothing() {
        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 1_000);
        driver.pipeJson(INFO, "S1", info("S1", "R1", 20), 2_000);
        assertThat(driver.drain()).hasSize(1);
        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 300_000);
        driver.pipeJson(INFO, "S1", info("S1", "R1", 20), 300_000);
        assertThat(driver.drain()).isEmpty();
        driver.pipeJson(STATUS, "S1", status("S1", 1, 19, 301), 301_000);
        assertThat(driver.drain()).extracting(Output::topic).containsExactly(ENRICHED);
    }

    @Test
    void aRegionWhoseIdPrefixesAnothersOnlyReEmitsItsOwnStations() {
        driver.pipeJson(REGIONS, "1", region("1", "One"), 1_000);
        driver.pipeJson(REGIONS, "11", region("11", "Eleven"), 1_000);
        driver.pipeJson(REGIONS, "1:1", region("1:1", "Odd"), 1_000);
        driver.pipeJson(INFO, "S1", info("S1", "1", 20), 2_000);
        driver.pipeJson(INFO, "S11", info("S11", "11", 20), 2_000);
        driver.pipeJson(INFO, "S1:1", info("S1:1", "1:1", 20), 2_000);
        driver.drain();
        driver.pipeJson(REGIONS, "1", region("1", "Uno"), 3_000);
        assertThat(driver.drain()).extracting(Output::key).containsExactly("S1");
        driver.pipeJson(REGIONS, "1:1", region("1:1", "Even"), 4_000);
        assertThat(driver.drain()).extracting(Output::key).containsExactly("S1:1");
    }

    @Test
    void aStationThatLostItsRegionIsNotReEmittedForIt() {
        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 1_000);
        driver.pipeJson(INFO, "S1", info("S1", "R1", 20), 2_000);
        driver.pipeJson(INFO, "S1", info("S1", null, 20), 3_000);
        driver.drain();
        driver.pipeJson(REGIONS, "R1", region("R1", "Renamed"), 4_000);
        assertThat(driver.drain()).isEmpty();
    }

    @Test
    void infoLatestIsEmittedOncePerInfoUpdate() {
        driver.pipeJson(REGIONS, "R1", region("R1", "Downtown"), 1_000);
        for (int i = 0; i < 5; i++) {
            driver.pipeJson(INFO, "S1", info("S1", "R1", 20 + i), 2_000 + i);
        }
        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::topic).containsOnly(LATEST);
        assertThat(out).extracting(o -> o.valueAs(StationInfoLatest.class).station().capacity()).containsExactly(20, 21, 22, 23, 24);
        assertThat(Set.copyOf(out.stream().map(Output::key).toList())).containsExactly("S1");
    }
}
