package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.query.QueryableTable;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What the query API serves of this service is what its topics hold: after every update the three
 * tables read out of the stores ({@link InventoryRedistributionTopology#tables()}) equal the latest
 * value per key of what was emitted, and every pair sits on the partition of its source station,
 * where a lookup of its key goes, even with dashes in the station ids.
 */
class QueryableTablesTest {

    private static final String[] REGIONS = {"North", "South"};

    @Test
    void theServedTablesAreTheTopicsAfterEveryUpdate() {
        InventoryRedistributionTopology service = new InventoryRedistributionTopology();
        Map<String, QueryableTable<?>> tables = new TreeMap<>();
        service.tables().forEach(t -> tables.put(t.name(), t));
        assertThat(tables).containsOnlyKeys(Topics.INVENTORY_AVAILABILITY_HIGH.name(), Topics.INVENTORY_AVAILABILITY_LOW.name(),
                Topics.INVENTORY_REDISTRIBUTION.name());
        Random random = new Random(11);
        List<Output> emitted = new ArrayList<>();
        int pairsSeen = 0;
        try (ServiceTestDriver driver = ServiceTestDriver.of(service)) {
            for (int i = 0; i < 150; i++) {
                // GBFS ids are often UUIDs: the pair key "<source>-<dest>" then has several dashes
                String id = "5f2c-" + random.nextInt(20) + "-a9";
                int capacity = 4 + random.nextInt(20);
                int bikes = random.nextInt(capacity + 1);
                driver.pipe(Topics.STATIONS_ENRICHED.name(), id, TestStations.at(id, REGIONS[random.nextInt(2)],
                        40.7 + random.nextInt(100) / 1000.0, -74.0, capacity, bikes, capacity - bikes), i * 1000L);
                emitted.addAll(driver.drain());

                Map<String, Map<String, Object>> served = driver.servedTables(service);
                Map<String, Map<String, Object>> latest = ServiceTestDriver.latest(emitted);
                tables.keySet().forEach(t -> latest.putIfAbsent(t, Map.of()));
                assertThat(served).isEqualTo(latest);
                Map<String, Object> pairs = served.get(Topics.INVENTORY_REDISTRIBUTION.name());
                pairsSeen = Math.max(pairsSeen, pairs.size());
                pairs.forEach((key, pair) -> assertThat(tables.get(Topics.INVENTORY_REDISTRIBUTION.name()).partitionsOf(key, 6))
                        .contains(Keys.partitionFor(((RedistributionPair) pair).sourceStationId(), 6)));
            }
        }
        assertThat(pairsSeen).as("the run paired stations").isGreaterThan(5);
    }
}
