package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random station updates in a few regions (moves between regions, null region, uninstalled
 * stations, capacity 0, repeated records, renames, records the rule must reject); after EACH update
 * the compacted content of the three tables must equal a brute-force recomputation from the latest
 * state of every station, and no emitted record may leave a table unchanged.
 */
class RandomizedBruteForceTest {

    private static final String[] REGIONS = {"North", "South", "East", null};
    private static final int[] CAPACITIES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20260101})
    void incrementalTablesEqualBruteForceAfterEveryUpdate(long seed) {
        Random random = new Random(seed);
        int stations = 12 + random.nextInt(30);
        Map<String, StationEnriched> latest = new LinkedHashMap<>();
        Materialized state = new Materialized();
        int pairsSeen = 0;
        int maxPairs = 0;
        try (ServiceTestDriver driver = ServiceTestDriver.of(new InventoryRedistributionTopology())) {
            for (int i = 0; i < 600; i++) {
                String id = "st-" + random.nextInt(stations);
                StationEnriched previous = latest.get(id);
                StationEnriched next = previous != null && random.nextInt(12) == 0 ? previous : randomUpdate(random, id, previous);
                boolean bad = random.nextInt(25) == 0;
                String key = random.nextInt(20) == 0 ? null : id;
                if (bad) {
                    driver.pipeJson(Topics.STATIONS_ENRICHED.name(), key, "{\"station_id\":\"" + id
                            + "\",\"region_name\":\"North\",\"capacity\":10,\"lat\":1,\"lon\":1}", i * 1000L);
                } else {
                    driver.pipe(Topics.STATIONS_ENRICHED.name(), key, next, i * 1000L);
                    latest.put(id, next);
                }
                List<Output> out = driver.drain();
                if (bad) {
                    assertThat(out).extracting(Output::topic).containsExactly("inventory-redistribution.dlq");
                }
                state.apply(out);
                state.assertEquals(BruteForce.of(latest.values()));
                pairsSeen += (int) out.stream().filter(o -> o.topic().equals(Topics.INVENTORY_REDISTRIBUTION.name())).count();
                maxPairs = Math.max(maxPairs, state.pairs.size());
            }
        }
        // the run exercised the pairing, not just empty tables
        assertThat(pairsSeen).isGreaterThan(50);
        assertThat(maxPairs).isGreaterThan(5);
    }

    private static StationEnriched randomUpdate(Random random, String id, StationEnriched previous) {
        String region = previous == null || random.nextInt(6) == 0 ? REGIONS[random.nextInt(REGIONS.length)] : previous.regionName();
        Integer capacity = previous == null || random.nextInt(8) == 0
                ? CAPACITIES[random.nextInt(CAPACITIES.length)] : previous.info().capacity();
        int cap = capacity;
        // mostly plausible counts, sometimes more bikes than capacity
        int bikes = random.nextInt(cap + 2);
        int docks = random.nextInt(4) == 0 ? random.nextInt(cap + 1) : Math.max(0, cap - bikes);
        Boolean installed = switch (random.nextInt(12)) {
            case 0 -> false;
            case 1 -> null;
            default -> true;
        };
        String name = previous != null && random.nextInt(10) != 0 ? previous.info().name() : "Station " + id + " " + random.nextInt(3);
        double lat = previous != null && random.nextInt(15) != 0 ? previous.info().lat() : 40.70 + random.nextInt(500) / 10_000.0;
        if (previous != null && random.nextInt(8) == 0) {
            // a GPS wobble: the rows change, most rounded distances do not
            lat += 0.00001;
        }
        double lon = previous != null && random.nextInt(15) != 0 ? previous.info().lon() : -74.05 + random.nextInt(500) / 10_000.0;
        return TestStations.of(id, name, region, lat, lon, capacity, bikes, docks, installed);
    }
}
