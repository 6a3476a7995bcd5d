package io.streammesh.trucks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.streams.Keys;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.marketplace.TruckTracker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TruckTrackerTopologyTest {

    static final String LOCATIONS = Topics.JOBLOCATION.name();
    static final String TRUCKS = Topics.TRADIE_TRUCK_LOCATION.name();
    static final String TRACKER = Topics.TRUCK_TRACKER.name();
    static final long T = 1_700_000_000_000L;

    private final ServiceTestDriver driver = ServiceTestDriver.of(new TruckTrackerTopology());

    @AfterEach
    void close() {
        driver.close();
    }

    static String location(String id, double destLat, double destLong) {
        return "{\"id\":\"" + id + "\",\"customer_name\":\"Ann Lee\",\"email\":\"ann@example.com\",\"address\":\"1 King St, Newtown\","
                + "\"dest_lat\":" + destLat + ",\"dest_long\":" + destLong + ",\"reporting_time\":" + T + "}";
    }

    static String truck(String jobId, String state, double lat, double lon) {
        return "{\"job_id\":\"" + jobId + "\",\"state\":\"" + state + "\",\"lat\":" + lat + ",\"long\":" + lon + "}";
    }

    private List<TruckTracker> rows() {
        return driver.drain(TRACKER).stream().map(o -> o.valueAs(TruckTracker.class)).toList();
    }

    private long unknownJobs() {
        return RecordCounters.count("truck-tracker", "unknown-job");
    }

    @Test
    void aTruckBeforeItsJobLocationGivesNoRowButIsCountedThenTheNextPositionDoes() {
        long before = unknownJobs();
        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.02, 0.0), T);
        assertThat(driver.drain()).isEmpty();
        assertThat(unknownJobs()).isEqualTo(before + 1);

        driver.pipeJson(LOCATIONS, "7", location("7", 0.0, 0.0), T + 1_000);
        assertThat(driver.drain()).as("a location update alone emits nothing").isEmpty();

        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.01, 0.0), T + 2_000);
        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::topic, Output::key, Output::value, Output::timestamp).containsExactly(tuple(TRACKER, "7",
                "{\"job_id\":\"7\",\"vehicle_id\":\"truck-1\",\"state\":\"EN_ROUTE\",\"lat\":0.01,\"long\":0.0,\"dest_lat\":0.0,"
                        + "\"dest_long\":0.0,\"distance_from_destination\":1.11,\"eta_seconds\":4.0,\"updated_at\":" + (T + 2_000) + "}",
                T + 2_000));
        assertThat(unknownJobs()).isEqualTo(before + 1);
    }

    @Test
    void distanceAndEtaForHandComputedPositionsFallToZeroOnArrival() {
        driver.pipeJson(LOCATIONS, "42", location("42", -33.8568, 151.2153), T);
        driver.pipeJson(TRUCKS, "truck-9", truck("42", "EN_ROUTE", -33.9, 151.1), T + 1_000);
        driver.pipeJson(TRUCKS, "truck-9", truck("42", "EN_ROUTE", -33.8688, 151.2093), T + 2_000);
        driver.pipeJson(TRUCKS, "truck-9", truck("42", "ARRIVED", -33.8568, 151.2153), T + 3_000);

        assertThat(rows()).extracting(TruckTracker::state, TruckTracker::distanceFromDestination, TruckTracker::etaSeconds,
                        TruckTracker::updatedAt)
                .containsExactly(
                        // 0.0432 deg (4.80 km) and 0.1153 deg at 33.9 S (10.64 km): 11.68 km; ETA from the larger gap, 0.1153 / 0.005 * 2
                        tuple("EN_ROUTE", 11.68, 46.12, T + 1_000),
                        tuple("EN_ROUTE", 1.44, 4.8, T + 2_000),
                        tuple("ARRIVED", 0.0, 0.0, T + 3_000));
    }

    @Test
    void aMovedJobLocationAppliesToTheNextTruckPosition() {
        driver.pipeJson(LOCATIONS, "7", location("7", 0.0, 0.0), T);
        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.01, 0.0), T + 1_000);
        driver.pipeJson(LOCATIONS, "7", location("7", 0.03, 0.0), T + 2_000);
        assertThat(driver.drain(TRACKER)).hasSize(1);

        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.01, 0.0), T + 3_000);
        assertThat(rows()).extracting(TruckTracker::destLat, TruckTracker::distanceFromDestination, TruckTracker::etaSeconds)
                .containsExactly(tuple(0.03, 2.22, 8.0));
    }

    @Test
    void theTableHoldsTheLatestRowPerJob() {
        driver.pipeJson(LOCATIONS, "7", location("7", 0.0, 0.0), T);
        driver.pipeJson(LOCATIONS, "8", location("8", 1.0, 1.0), T);
        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.02, 0.0), T + 1_000);
        driver.pipeJson(TRUCKS, "truck-2", truck("8", "EN_ROUTE", 1.01, 1.0), T + 1_000);
        driver.pipeJson(TRUCKS, "truck-1", truck("7", "ARRIVED", 0.0, 0.0), T + 2_000);

        KeyValueStore<String, ValueAndTimestamp<TruckTracker>> store = driver.driver().getTimestampedKeyValueStore(TruckTrackerTopology.STORE);
        assertThat(store.get("7").value()).extracting(TruckTracker::state, TruckTracker::vehicleId, TruckTracker::updatedAt)
                .containsExactly("ARRIVED", "truck-1", T + 2_000);
        assertThat(store.get("8").value().state()).isEqualTo("EN_ROUTE");
        try (var all = store.all()) {
            assertThat(all).toIterable().extracting(kv -> kv.key).containsExactly("7", "8");
        }
    }

    @Test
    void truckPositionsAreReKeyedFromTruckIdToJobId() {
        driver.pipeJson(LOCATIONS, "7", location("7", 0.0, 0.0), T);
        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.01, 0.0), T + 1_000);
        driver.pipeJson(TRUCKS, null, "{\"job_id\":7,\"vehicle_id\":\"truck-2\",\"state\":\"EN_ROUTE\",\"lat\":0.005,\"long\":0.0}", T + 2_000);

        assertThat(driver.drain(TRACKER)).extracting(Output::key, o -> o.valueAs(TruckTracker.class).vehicleId())
                .containsExactly(tuple("7", "truck-1"), tuple("7", "truck-2"));
    }

    @Test
    void theTruckIdIsTheKeyRulesTheValuesVehicleIdWinsOverAnotherRecordKey() {
        driver.pipeJson(LOCATIONS, "7", location("7", 0.0, 0.0), T);
        driver.pipeJson(TRUCKS, "truck-1", "{\"job_id\":\"7\",\"vehicle_id\":\"truck-2\",\"lat\":0.01,\"long\":0.0}", T + 1_000);
        driver.pipeJson(TRUCKS, "truck-3", "{\"job_id\":\"7\",\"truck_id\":\"truck-3\",\"lat\":0.01,\"long\":0.0}", T + 2_000);

        assertThat(rows()).extracting(TruckTracker::vehicleId).containsExactly("truck-2", "truck-3");
    }

    @Test
    void jobLocationsWithoutAKeyOrWithAnotherKeyAreReKeyedByTheirId() {
        driver.pipeJson(LOCATIONS, null, location("7", 0.0, 0.0), T);
        driver.pipeJson(LOCATIONS, "job-8", location("8", 0.0, 0.0), T);
        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.01, 0.0), T + 1_000);
        driver.pipeJson(TRUCKS, "truck-2", truck("8", "EN_ROUTE", 0.01, 0.0), T + 1_000);

        assertThat(driver.drain()).extracting(Output::topic, Output::key).containsExactly(tuple(TRACKER, "7"), tuple(TRACKER, "8"));
        assertThat(driver.driver().producedTopicNames()).contains("truck-tracker-joblocation-rekeyed-repartition");
    }

    @Test
    void aJobLocationOnAnotherPartitionThanItsKeysIsReRoutedCountedAndStillJoins() {
        // TopologyTestDriver delivers everything on partition 0; with 6 partitions, murmur2 puts "7" elsewhere
        assertThat(Keys.partitionFor("7", 6)).isNotZero();
        long before = RecordCounters.rerouted("truck-tracker", LOCATIONS);
        try (ServiceTestDriver misplaced = ServiceTestDriver.of(new TruckTrackerTopology(),
                ServiceConfig.empty().withInputPartitions(Map.of(LOCATIONS, 6)))) {
            misplaced.pipeJson(LOCATIONS, "7", location("7", 0.0, 0.0), T);
            misplaced.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.01, 0.0), T + 1_000);

            assertThat(RecordCounters.rerouted("truck-tracker", LOCATIONS)).isEqualTo(before + 1);
            assertThat(misplaced.driver().producedTopicNames()).contains("truck-tracker-joblocation-rekeyed-repartition");
            assertThat(misplaced.drain(TRACKER)).extracting(Output::key, o -> o.valueAs(TruckTracker.class).distanceFromDestination())
                    .containsExactly(tuple("7", 1.11));
        }
    }

    @Test
    void jobLocationsKeyedByTheirIdAreNotRepartitioned() {
        driver.pipeJson(LOCATIONS, "7", location("7", 0.0, 0.0), T);
        driver.pipeJson(LOCATIONS, "8", "{\"dest_lat\":1.0,\"dest_long\":1.0}", T);
        assertThat(driver.driver().producedTopicNames()).doesNotContain("truck-tracker-joblocation-rekeyed-repartition");
    }

    @Test
    void aDeletedJobLocationStopsUpdatesButKeepsTheLastRow() {
        long before = unknownJobs();
        driver.pipeJson(LOCATIONS, "7", location("7", 0.0, 0.0), T);
        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.01, 0.0), T + 1_000);
        driver.pipeJson(LOCATIONS, "7", null, T + 2_000);
        driver.pipeJson(TRUCKS, "truck-1", truck("7", "EN_ROUTE", 0.005, 0.0), T + 3_000);

        assertThat(driver.drain(TRACKER)).hasSize(1);
        assertThat(unknownJobs()).isEqualTo(before + 1);
        assertThat(driver.driver().getTimestampedKeyValueStore(TruckTrackerTopology.STORE).get("7")).isNotNull();
    }

    @Test
    void upperCaseFieldNamesOfTheOriginalDemoWork() {
        driver.pipeJson(LOCATIONS, "7", "{\"ID\":\"7\",\"DEST_LAT\":0.0,\"DEST_LONG\":0.0,\"REPORTING_TIME\":1}", T);
        driver.pipeJson(TRUCKS, "truck-1", "{\"JOB_ID\":\"7\",\"STATE\":\"EN_ROUTE\",\"LAT\":0.01,\"LONG\":0.0}", T + 1_000);

        assertThat(rows()).extracting(TruckTracker::jobId, TruckTracker::distanceFromDestination).containsExactly(tuple("7", 1.11));
    }

    @Test
    void recordsMissingJoinOrFormulaFieldsGoToTheDeadLetterTopic() {
        driver.pipeJson(TRUCKS, "t1", "{\"state\":\"EN_ROUTE\",\"lat\":1.0,\"long\":1.0}", T);
        driver.pipeJson(TRUCKS, "t2", "{\"job_id\":\"7\",\"long\":1.0}", T);
        driver.pipeJson(TRUCKS, "t3", "{\"job_id\":\"7\",\"lat\":1.0}", T);
        driver.pipeJson(TRUCKS, null, "{\"job_id\":\"7\",\"lat\":1.0,\"long\":1.0}", T);
        driver.pipeJson(TRUCKS, "t5", "not json", T);
        driver.pipeJson(LOCATIONS, "l1", "{\"id\":\"9\",\"dest_long\":1.0}", T);
        driver.pipeJson(LOCATIONS, "l2", "{\"id\":\"9\",\"dest_lat\":1.0}", T);
        driver.pipeJson(LOCATIONS, null, "{\"dest_lat\":1.0,\"dest_long\":1.0}", T);
        driver.pipeJson(LOCATIONS, null, null, T);
        driver.pipeJson(TRUCKS, "t9", null, T);

        List<Output> out = driver.drain();
        assertThat(out).allSatisfy(o -> assertThat(o.topic()).isEqualTo("truck-tracker.dlq"));
        assertThat(out).extracting(o -> o.headers().get(DeadLetters.MESSAGE)).satisfiesExactly(
                m -> assertThat(m).contains("job_id is missing"),
                m -> assertThat(m).contains("lat is missing"),
                m -> assertThat(m).contains("long is missing"),
                m -> assertThat(m).contains("no key and its value has no vehicle_id"),
                m -> assertThat(m).isNotBlank(),
                m -> assertThat(m).contains("dest_lat is missing"),
                m -> assertThat(m).contains("dest_long is missing"),
                m -> assertThat(m).contains("no key and its value has no id"),
                m -> assertThat(m).contains("tombstone without a key"),
                m -> assertThat(m).contains("tombstone").contains("stream " + TRUCKS));
        assertThat(out.get(1).value()).isEqualTo("{\"job_id\":\"7\",\"long\":1.0}");
        assertThat(out.get(1).headers()).containsEntry(DeadLetters.TOPIC, TRUCKS);
    }

    @Test
    void statesAndInternalTopicsHaveStableNames() {
        String description = new TruckTrackerTopology().build(ServiceConfig.empty()).describe().toString();
        assertThat(description)
                .contains(TruckTrackerTopology.STORE, TruckTrackerTopology.JOBLOCATION_STORE,
                        "tradie-truck-location-by-job-id-repartition", "joblocation-rekeyed-repartition")
                .doesNotContain("KSTREAM-", "KTABLE-");
    }
}
