package io.streammesh.inventory;

import static io.streammesh.inventory.TestStations.at;
import static io.streammesh.inventory.TestStations.installed;
import static io.streammesh.inventory.TestStations.renamed;
import static io.streammesh.inventory.TestStations.station;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.formula.DistanceUnit;
import io.streammesh.common.formula.Formulas;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of the spec's "inventory-redistribution" section, through the real topology. */
class InventoryRedistributionTopologyTest {

    private static final String IN = Topics.STATIONS_ENRICHED.name();
    private static final String HIGH = Topics.INVENTORY_AVAILABILITY_HIGH.name();
    private static final String LOW = Topics.INVENTORY_AVAILABILITY_LOW.name();
    private static final String PAIRS = Topics.INVENTORY_REDISTRIBUTION.name();

    private ServiceTestDriver driver;
    private final Materialized state = new Materialized();
    private long timestamp = 1_000;

    @BeforeEach
    void start() {
        driver = ServiceTestDriver.of(new InventoryRedistributionTopology());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Pipes one station record and returns everything it caused (also applied to {@link #state}). */
    private List<Output> send(StationEnriched station) {
        driver.pipe(IN, station.stationId(), station, timestamp += 1_000);
        List<Output> out = driver.drain();
        state.apply(out);
        return out;
    }

    private static List<Output> on(String topic, List<Output> outputs) {
        return outputs.stream().filter(o -> o.topic().equals(topic)).toList();
    }

    private static HighAvailability high(Output o) {
        return o.valueAs(HighAvailability.class);
    }

    private static LowAvailability low(Output o) {
        return o.valueAs(LowAvailability.class);
    }

    // --- thresholds (cap 10: high from 8, low up to 3) --------------------------------------------

    @Test
    void capacityTenSevenBikesIsNotHighEightIs() {
        assertThat(send(station("s", "A", 10, 7, 3))).isEmpty();
        List<Output> out = send(station("s", "A", 10, 8, 2));
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(tuple(HIGH, "s"));
        assertThat(high(out.get(0)).surplus()).isEqualTo(3);
        assertThat(high(out.get(0)).percentAvailable()).isEqualTo(0.8);
        assertThat(out.get(0).value()).isEqualTo("{\"station_id\":\"s\",\"name\":\"Station s\",\"region_name\":\"A\","
                + "\"lat\":" + high(out.get(0)).station().lat() + ",\"lon\":" + high(out.get(0)).station().lon() + ",\"capacity\":10,"
                + "\"num_bikes_available\":8,\"num_docks_available\":2,\"surplus\":3,\"percent_available\":0.8}");
    }

    @Test
    void capacityTenThreeBikesIsLowWhenTheDocksAllowFourIsNot() {
        assertThat(send(station("s", "A", 10, 4, 6))).isEmpty();
        List<Output> out = send(station("s", "A", 10, 3, 7));
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(tuple(LOW, "s"));
        assertThat(low(out.get(0)).shortage()).isEqualTo(2);
        assertThat(low(out.get(0)).percentAvailable()).isEqualTo(0.3);
        assertThat(out.get(0).value()).doesNotContain("surplus");
    }

    @Test
    void lowNeedsDocksForTheShortage() {
        // shortage FLOOR(10/2) - 3 = 2: one free dock is not enough, two are
        assertThat(send(station("s", "A", 10, 3, 1))).isEmpty();
        assertThat(send(station("s", "A", 10, 3, 2))).extracting(Output::topic).containsExactly(LOW);
        // and losing the docks takes it out again
        assertThat(send(station("s", "A", 10, 3, 1))).extracting(Output::topic, Output::key, Output::value)
                .containsExactly(tuple(LOW, "s", null));
    }

    @Test
    void capacityOneTwoAndThreeEdgeCases() {
        assertThat(high(send(station("c1", "A", 1, 1, 0)).get(0)).surplus()).isEqualTo(1);
        assertThat(low(send(station("c1b", "A", 1, 0, 1)).get(0)).shortage()).isEqualTo(0);
        assertThat(high(send(station("c2", "A", 2, 2, 0)).get(0)).surplus()).isEqualTo(1);
        assertThat(low(send(station("c2b", "A", 2, 0, 2)).get(0)).shortage()).isEqualTo(1);
        assertThat(send(station("c2c", "A", 2, 0, 0))).as("shortage 1 needs a dock").isEmpty();
        assertThat(high(send(station("c3", "A", 3, 2, 1)).get(0)).surplus()).isEqualTo(1);
        assertThat(low(send(station("c3b", "A", 3, 1, 2)).get(0)).shortage()).isEqualTo(0);
        assertThat(state.high.keySet()).containsExactly("c1", "c2", "c3");
        assertThat(state.low.keySet()).containsExactly("c1b", "c2b", "c3b");
        // only c2b has a shortage above zero; every high station has surplus 1 >= 1
        assertThat(state.pairs.keySet()).containsExactly("c1-c2b", "c2-c2b", "c3-c2b");
    }

    @Test
    void capacityZeroAndNotInstalledAreExcludedAndCounted() {
        long before = RecordCounters.count("inventory-redistribution", "station-without-capacity");
        assertThat(send(station("z", "A", 0, 0, 0))).isEmpty();
        assertThat(RecordCounters.count("inventory-redistribution", "station-without-capacity")).isEqualTo(before + 1);

        assertThat(send(installed(station("n", "A", 10, 10, 0), false))).isEmpty();
        assertThat(send(installed(station("n", "A", 10, 10, 0), null))).extracting(Output::topic).containsExactly(HIGH);
        // an installed high station that is uninstalled leaves the set
        assertThat(send(installed(station("n", "A", 10, 10, 0), false))).extracting(Output::topic, Output::value)
                .containsExactly(tuple(HIGH, null));
        // and one whose capacity drops to 0 too
        send(station("m", "A", 10, 0, 10));
        assertThat(send(station("m", "A", 0, 0, 0))).extracting(Output::topic, Output::value).containsExactly(tuple(LOW, null));
        assertThat(state.high).isEmpty();
        assertThat(state.low).isEmpty();
    }

    // --- pairs ---------------------------------------------------------------------------------

    @Test
    void surplusEqualToShortageIsPaired() {
        send(at("S", "A", 40.0, -74.0, 10, 8, 2));   // surplus 3
        List<Output> out = send(at("D", "A", 40.01, -74.0, 10, 2, 8)); // shortage 3
        assertThat(on(PAIRS, out)).hasSize(1);
        RedistributionPair pair = on(PAIRS, out).get(0).valueAs(RedistributionPair.class);
        assertThat(on(PAIRS, out).get(0).key()).isEqualTo("S-D");
        assertThat(pair).isEqualTo(new RedistributionPair("S", "D", "A", "Station S", "Station D", 3, 3, 3,
                Formulas.round(Formulas.geoDistance(40.0, -74.0, 40.01, -74.0, DistanceUnit.MILES), 2)));
        assertThat(pair.distance()).isEqualTo(0.69);
    }

    @Test
    void surplusBelowShortageIsNotPaired() {
        send(station("S", "A", 10, 8, 2));  // surplus 3
        assertThat(on(PAIRS, send(station("D", "A", 10, 1, 9)))).isEmpty(); // shortage 4
        assertThat(state.low).containsKey("D");
        // the source gaining a bike makes it hold
        assertThat(on(PAIRS, send(station("S", "A", 10, 9, 1)))).extracting(Output::key).containsExactly("S-D");
    }

    @Test
    void zeroShortageIsNotPaired() {
        send(station("S", "A", 10, 10, 0));
        assertThat(send(station("D", "A", 1, 0, 1))).extracting(Output::topic).containsExactly(LOW);
        assertThat(state.pairs).isEmpty();
    }

    @Test
    void aStationLeavingHighTombstonesItsPairsAndItsHighRow() {
        send(station("S", "A", 10, 10, 0));
        send(station("D1", "A", 10, 0, 10));
        send(station("D2", "A", 10, 2, 8));
        send(station("S2", "A", 20, 20, 0));
        assertThat(state.pairs.keySet()).containsExactly("S-D1", "S-D2", "S2-D1", "S2-D2");

        List<Output> out = send(station("S", "A", 10, 6, 4));
        assertThat(out).extracting(Output::topic, Output::key, Output::value).containsExactlyInAnyOrder(
                tuple(HIGH, "S", null), tuple(PAIRS, "S-D1", null), tuple(PAIRS, "S-D2", null));
        assertThat(state.pairs.keySet()).containsExactly("S2-D1", "S2-D2");
    }

    @Test
    void aStationLeavingLowTombstonesItsPairsAndItsLowRow() {
        send(station("S1", "A", 10, 10, 0));
        send(station("S2", "A", 10, 9, 1));
        send(station("D", "A", 10, 1, 9));
        assertThat(state.pairs.keySet()).containsExactly("S1-D", "S2-D");
        List<Output> out = send(station("D", "A", 10, 5, 5));
        assertThat(out).extracting(Output::topic, Output::key, Output::value).containsExactlyInAnyOrder(
                tuple(LOW, "D", null), tuple(PAIRS, "S1-D", null), tuple(PAIRS, "S2-D", null));
    }

    @Test
    void aShrinkingSurplusDropsOnlyThePairsItNoLongerCovers() {
        send(station("S", "A", 10, 10, 0));      // surplus 5
        send(station("D1", "A", 10, 0, 10));     // shortage 5
        send(station("D2", "A", 10, 3, 7));      // shortage 2
        List<Output> out = on(PAIRS, send(station("S", "A", 10, 9, 1))); // surplus 4
        // S-D1 no longer holds; S-D2 holds with a new surplus: emitted once
        assertThat(out).extracting(Output::key, Output::value).hasSize(2).contains(tuple("S-D1", null));
        assertThat(out.get(1).valueAs(RedistributionPair.class).sourceSurplus()).isEqualTo(4);
    }

    @Test
    void aRegionChangeMovesTheStationsPairs() {
        send(station("S", "A", 10, 10, 0));
        send(station("DA", "A", 10, 0, 10));
        send(station("DB", "B", 10, 0, 10));
        send(station("SB", "B", 10, 10, 0));
        assertThat(state.pairs.keySet()).containsExactly("S-DA", "SB-DB");

        List<Output> out = send(station("S", "B", 10, 10, 0));
        assertThat(on(PAIRS, out)).extracting(Output::key, o -> o.value() == null)
                .containsExactlyInAnyOrder(tuple("S-DA", true), tuple("S-DB", false));
        assertThat(on(HIGH, out)).singleElement().extracting(o -> high(o).station().regionName()).isEqualTo("B");
        assertThat(state.pairs.keySet()).containsExactly("S-DB", "SB-DB");
        assertThat(state.pairs.get("S-DB").regionName()).isEqualTo("B");

        // a destination moving too
        out = send(station("DA", "B", 10, 0, 10));
        assertThat(on(PAIRS, out)).extracting(Output::key).containsExactlyInAnyOrder("S-DA", "SB-DA");
        assertThat(state.pairs.keySet()).containsExactly("S-DA", "S-DB", "SB-DA", "SB-DB");
    }

    @Test
    void aStationWhoseRegionBecomesNullLosesItsPairsButStaysInItsSet() {
        send(station("S", "A", 10, 10, 0));
        send(station("D", "A", 10, 0, 10));
        assertThat(state.pairs).containsKey("S-D");
        List<Output> out = send(station("D", null, 10, 0, 10));
        assertThat(out).extracting(Output::topic, Output::key, o -> o.value() == null)
                .containsExactlyInAnyOrder(tuple(LOW, "D", false), tuple(PAIRS, "S-D", true));
        assertThat(state.low.get("D").station().regionName()).isNull();
        // and back
        assertThat(on(PAIRS, send(station("D", "A", 10, 0, 10)))).extracting(Output::key).containsExactly("S-D");
    }

    @Test
    void twoRegionsAreNeverPaired() {
        send(station("SA", "A", 10, 10, 0));
        send(station("DB", "B", 10, 0, 10));
        send(station("SN", null, 10, 10, 0));
        send(station("DN", null, 10, 0, 10));
        assertThat(state.high).hasSize(2);
        assertThat(state.low).hasSize(2);
        assertThat(state.pairs).isEmpty();
    }

    @Test
    void regionNamesAreComparedExactlyAndSafelyWithinTheStores() {
        // a region that is a prefix of another, and separators inside names, stay distinct
        send(station("S1", "North", 10, 10, 0));
        send(station("D1", "North:East", 10, 0, 10));
        send(station("D2", "Nort", 10, 0, 10));
        send(station("S2", "5:North:", 10, 10, 0));
        assertThat(state.pairs).isEmpty();
        send(station("D3", "North", 10, 0, 10));
        assertThat(state.pairs.keySet()).containsExactly("S1-D3");
    }

    @Test
    void distanceIsInMilesRoundedToTwoDecimals() {
        // two Jersey City stations 0.556... miles apart
        send(at("S", "JC", 40.719586, -74.043117, 10, 10, 0));
        send(at("D", "JC", 40.727596, -74.044247, 10, 0, 10));
        double exact = Formulas.geoDistance(40.719586, -74.043117, 40.727596, -74.044247, DistanceUnit.MILES);
        assertThat(exact).isNotEqualTo(Formulas.round(exact, 2));
        assertThat(state.pairs.get("S-D").distance()).isEqualTo(Formulas.round(exact, 2)).isEqualTo(0.56);
    }

    @Test
    void anUnchangedPairIsNotEmittedAgain() {
        StationEnriched s = station("S", "A", 10, 10, 0);
        StationEnriched d = station("D", "A", 10, 0, 10);
        send(s);
        send(d);
        send(station("D2", "A", 10, 1, 9));
        assertThat(state.pairs).hasSize(2);
        // the same record again: nothing at all
        assertThat(send(s)).isEmpty();
        assertThat(send(d)).isEmpty();
        // a change that matters to the row but not to the pairs: only the row
        assertThat(send(station("D", "A", 10, 0, 9))).extracting(Output::topic).containsExactly(LOW);
        // a change that matters to one pair only: only that pair
        assertThat(send(renamed(d, "Renamed D"))).extracting(Output::topic, Output::key)
                .containsExactly(tuple(LOW, "D"), tuple(PAIRS, "S-D"));
        // a source change that keeps one pair's values re-emits only the pairs whose values change:
        // every pair of S carries S's surplus, so both change here
        assertThat(on(PAIRS, send(station("S", "A", 10, 9, 1)))).extracting(Output::key).containsExactlyInAnyOrder("S-D", "S-D2");
        // a new destination adds its pair and nothing else
        assertThat(send(station("D3", "A", 10, 2, 8))).extracting(Output::topic, Output::key)
                .containsExactly(tuple(LOW, "D3"), tuple(PAIRS, "S-D3"));
    }

    @Test
    void aStationMovingAFewMetresReEmitsOnlyThePairsWhoseRoundedDistanceChanged() {
        send(at("S", "A", 40.0, -74.0, 10, 10, 0));
        send(at("D1", "A", 40.01, -74.0, 10, 0, 10));     // 0.6909 miles
        send(at("D2", "A", 40.0, -74.009, 10, 0, 10));    // 0.4764 miles
        assertThat(state.pairs.get("S-D1").distance()).isEqualTo(0.69);
        assertThat(state.pairs.get("S-D2").distance()).isEqualTo(0.48);
        // 0.0003 degrees of latitude (~0.02 miles) further from D1, sideways from D2
        List<Output> out = send(at("S", "A", 39.9997, -74.0, 10, 10, 0));
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(tuple(HIGH, "S"), tuple(PAIRS, "S-D1"));
        assertThat(state.pairs.get("S-D1").distance()).isEqualTo(0.71);
        assertThat(state.pairs.get("S-D2").distance()).isEqualTo(0.48);
    }

    // --- bad input -----------------------------------------------------------------------------

    @Test
    void aRecordWithoutStationIdIsDeadLettered() {
        driver.pipeJson(IN, "x", "{\"name\":\"no id\",\"capacity\":10,\"num_bikes_available\":10}", 1_000);
        List<Output> out = driver.drain();
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.topic()).isEqualTo("inventory-redistribution.dlq");
            assertThat(o.headers()).containsEntry(DeadLetters.STAGE, "deserialization");
            assertThat(o.headers().get(DeadLetters.MESSAGE)).contains("station_id is missing");
        });
    }

    @Test
    void aConsideredStationLackingBikesIsDeadLetteredAndKeepsItsState() {
        send(station("S", "A", 10, 10, 0));
        send(station("D", "A", 10, 0, 10));
        driver.pipeJson(IN, "S", "{\"station_id\":\"S\",\"region_name\":\"A\",\"lat\":1,\"lon\":1,\"capacity\":10,"
                + "\"num_docks_available\":3}", timestamp += 1000);
        List<Output> out = driver.drain();
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.topic()).isEqualTo("inventory-redistribution.dlq");
            assertThat(o.headers()).containsEntry(DeadLetters.STAGE, "processing");
            assertThat(o.headers().get(DeadLetters.MESSAGE)).contains("num_bikes_available is missing");
        });
        assertThat(state.pairs).containsKey("S-D");
        // the station's state was kept: the next good record diffs against it
        assertThat(send(station("S", "A", 10, 10, 0))).isEmpty();
    }

    @Test
    void aTombstoneOnTheStreamIsDeadLetteredWithItsReason() {
        send(station("S", "A", 10, 10, 0));
        driver.pipeJson(IN, "S", null, timestamp += 1_000);
        assertThat(driver.drain()).singleElement().satisfies(o -> {
            assertThat(o.topic()).isEqualTo("inventory-redistribution.dlq");
            assertThat(o.headers()).containsEntry(DeadLetters.STAGE, "processing");
            assertThat(o.headers().get(DeadLetters.MESSAGE)).contains("tombstone").contains("on stream " + IN);
        });
        // it deleted nothing: the station is still high
        assertThat(send(station("S", "A", 10, 10, 0))).isEmpty();
        assertThat(state.high).containsKey("S");
    }

    @Test
    void recordsWithoutKeyOrWithAnotherKeyAreKeyedByTheirStationId() {
        driver.pipe(IN, null, station("S", "A", 10, 10, 0), 1_000);
        driver.pipe(IN, "wrong", station("D", "A", 10, 0, 10), 2_000);
        List<Output> out = driver.drain();
        state.apply(out);
        assertThat(state.high.keySet()).containsExactly("S");
        assertThat(state.low.keySet()).containsExactly("D");
        assertThat(state.pairs.keySet()).containsExactly("S-D");
        // the same station keyed properly afterwards shares the state
        assertThat(send(station("S", "A", 10, 5, 5))).extracting(Output::topic, Output::key)
                .containsExactlyInAnyOrder(tuple(HIGH, "S"), tuple(PAIRS, "S-D"));
    }

    /**
     * A producer that does not place keys as Kafka's Java client does (librdkafka's CRC32 default):
     * with six partitions, TopologyTestDriver's partition 0 is the wrong one for these stations, so
     * they are re-routed by the key rule, counted, and classified and paired as any other.
     */
    @Test
    void recordsOnTheWrongPartitionAreReRoutedCountedAndPaired() {
        List<String> misplaced = IntStream.range(0, 100).mapToObj(i -> "st-" + i)
                .filter(id -> Keys.partitionFor(id, 6) != 0).limit(2).toList();
        String source = misplaced.get(0);
        String dest = misplaced.get(1);
        long before = RecordCounters.rerouted(InventoryRedistributionTopology.NAME, IN);
        try (ServiceTestDriver six = ServiceTestDriver.of(new InventoryRedistributionTopology(),
                ServiceConfig.empty().withInputPartitions(Map.of(IN, 6)))) {
            six.pipe(IN, source, station(source, "A", 10, 10, 0), 1_000);
            six.pipe(IN, dest, station(dest, "A", 10, 0, 10), 2_000);
            List<Output> out = six.drain();
            state.apply(out);
        }
        assertThat(state.high.keySet()).containsExactly(source);
        assertThat(state.low.keySet()).containsExactly(dest);
        assertThat(state.pairs.keySet()).containsExactly(source + "-" + dest);
        assertThat(state.pairs.get(source + "-" + dest).redistribution()).isEqualTo(5);
        assertThat(RecordCounters.rerouted(InventoryRedistributionTopology.NAME, IN)).isEqualTo(before + 2);
    }

    @Test
    void upperCaseFieldNamesFromKsqlDbProducersAreRead() {
        driver.pipeJson(IN, "S", "{\"STATION_ID\":\"S\",\"NAME\":\"Grove\",\"REGION_NAME\":\"A\",\"LAT\":40.0,\"LON\":-74.0,"
                + "\"CAPACITY\":10,\"NUM_BIKES_AVAILABLE\":9,\"NUM_DOCKS_AVAILABLE\":1,\"IS_INSTALLED\":1,\"EXTRA\":\"x\"}", 1_000);
        List<Output> out = driver.drain();
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.topic()).isEqualTo(HIGH);
            assertThat(high(o)).isEqualTo(new HighAvailability(new AvailableStation("S", "Grove", "A", 40.0, -74.0, 10, 9, 1), 4, 0.9));
        });
    }
}
