package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageStateTest {

    private final PageState state = new PageState();
    private long ts = 1_700_000_000_000L;

    private void apply(String topic, String key, String value) {
        state.apply(topic, key, value, ts++, 42);
    }

    private static String station(String id, String region, double lat, double lon, int capacity, int bikes) {
        return "{\"station_id\":\"" + id + "\",\"name\":\"S" + id + "\",\"region_name\":\"" + region + "\",\"lat\":" + lat
                + ",\"lon\":" + lon + ",\"capacity\":" + capacity + ",\"num_bikes_available\":" + bikes
                + ",\"num_docks_available\":" + (capacity - bikes) + "}";
    }

    @Test
    void stationsTakeTheirLatestNumbersAndTheirAvailabilityFromTheHighAndLowTables() {
        apply(Topics.STATIONS_INFO_LATEST.name(), "1", "{\"station_id\":\"1\",\"name\":\"One\",\"lat\":40.7,\"lon\":-74.0,\"capacity\":20}");
        apply(Topics.STATIONS_ENRICHED.name(), "1", station("1", "Uptown", 40.7, -74.0, 20, 3));
        apply(Topics.STATIONS_ENRICHED.name(), "2", station("2", "Uptown", 40.8, -74.1, 10, 9));
        apply(Topics.STATIONS_ENRICHED.name(), "3", station("3", "Midtown", 40.6, -74.2, 10, 5));
        apply(Topics.STATIONS_ENRICHED.name(), "1", station("1", "Uptown", 40.7, -74.0, 20, 2));
        apply(Topics.INVENTORY_AVAILABILITY_LOW.name(), "1", "{\"station_id\":\"1\",\"shortage\":8}");
        apply(Topics.INVENTORY_AVAILABILITY_HIGH.name(), "2", "{\"station_id\":\"2\",\"surplus\":4}");
        apply(Topics.INVENTORY_AVAILABILITY_HIGH.name(), "3", "{\"station_id\":\"3\",\"surplus\":1}");
        apply(Topics.INVENTORY_AVAILABILITY_HIGH.name(), "3", null); // station 3 stopped qualifying

        JsonNode stations = state.stations();
        assertThat(stations.get("stations")).hasSize(3);
        JsonNode one = byId(stations, "1");
        assertThat(one.get("name").asText()).isEqualTo("S1");
        assertThat(one.get("num_bikes_available").asInt()).isEqualTo(2);
        assertThat(one.get("availability").asText()).isEqualTo("low");
        assertThat(one.get("shortage").asInt()).isEqualTo(8);
        assertThat(byId(stations, "2").get("availability").asText()).isEqualTo("high");
        assertThat(byId(stations, "2").get("surplus").asInt()).isEqualTo(4);
        assertThat(byId(stations, "3").get("availability").asText()).isEqualTo("normal");
        assertThat(stations.get("high").asInt()).isEqualTo(1);
        assertThat(stations.get("low").asInt()).isEqualTo(1);
        assertThat(stations.get("regions").get("Uptown").asInt()).isEqualTo(2);
    }

    @Test
    void aStationWithoutCoordinatesIsNotDrawn() {
        apply(Topics.STATIONS_ENRICHED.name(), "9", "{\"station_id\":\"9\",\"capacity\":10,\"num_bikes_available\":1}");
        assertThat(state.stations().get("stations")).isEmpty();
    }

    @Test
    void pairsAreTheLatestValuePerKeyWithoutTombstonedKeysLargestRedistributionFirst() {
        String topic = Topics.INVENTORY_REDISTRIBUTION.name();
        apply(topic, "1-2", "{\"source_station_id\":\"1\",\"dest_station_id\":\"2\",\"redistribution\":3,\"distance\":1.5}");
        apply(topic, "1-3", "{\"source_station_id\":\"1\",\"dest_station_id\":\"3\",\"redistribution\":5,\"distance\":2.0}");
        apply(topic, "4-3", "{\"source_station_id\":\"4\",\"dest_station_id\":\"3\",\"redistribution\":5,\"distance\":0.5}");
        apply(topic, "1-2", "{\"source_station_id\":\"1\",\"dest_station_id\":\"2\",\"redistribution\":7,\"distance\":1.5}");
        apply(topic, "1-3", null);

        assertThat(state.pairs().keySet()).containsExactlyInAnyOrder("1-2", "4-3");
        JsonNode redistribution = state.redistribution();
        assertThat(redistribution.get("count").asInt()).isEqualTo(2);
        List<String> order = new ArrayList<>();
        redistribution.get("pairs").forEach(p -> order.add(p.get("key").asText()));
        assertThat(order).containsExactly("1-2", "4-3");
        assertThat(redistribution.get("pairs").get(0).get("redistribution").asInt()).isEqualTo(7);
    }

    @Test
    void jobStatusesAreCountedByStatusAndTheNewestAreListedFirst() {
        for (int i = 0; i < 25; i++) {
            apply(Topics.JOB_STATUS.name(), String.valueOf(i), "{\"job_id\":" + i + ",\"price\":100,\"price_quoted\":" + (i % 3 == 0 ? 50 : 150)
                    + ",\"current_status\":\"" + (i % 3 == 0 ? "REJECTED" : "ACCEPTED") + "\"}");
        }
        JsonNode jobs = state.jobs();
        assertThat(jobs.get("accepted").asLong()).isEqualTo(16);
        assertThat(jobs.get("rejected").asLong()).isEqualTo(9);
        assertThat(jobs.get("latest")).hasSize(PageState.LATEST_JOBS);
        assertThat(jobs.get("latest").get(0).get("job_id").asInt()).isEqualTo(24);
        assertThat(jobs.get("latest").get(0).get("price_quoted").asInt()).isEqualTo(50);
        assertThat(jobs.get("latest").get(PageState.LATEST_JOBS - 1).get("job_id").asInt()).isEqualTo(5);
    }

    @Test
    void everyRecordIsCountedWithItsTimestampAndTablesTrackTheirLiveKeys() {
        apply(Topics.CUSTOMERS_ENRICHED.name(), "c1", "{\"customer_id\":\"c1\"}");
        apply(Topics.CUSTOMERS_ENRICHED.name(), "c2", "{\"customer_id\":\"c2\"}");
        apply(Topics.CUSTOMERS_ENRICHED.name(), "c1", "{\"customer_id\":\"c1\",\"age\":3}");
        apply(Topics.CUSTOMERS_ENRICHED.name(), "c2", null);
        apply(Topics.JOB_STATUS.name(), "j", "{not json");
        apply("station-enrichment.dlq", "x", "raw bytes");

        PageState.TopicCount customers = state.count(Topics.CUSTOMERS_ENRICHED.name());
        assertThat(customers.records()).isEqualTo(4);
        assertThat(customers.tombstones()).isEqualTo(1);
        assertThat(customers.liveKeys()).isEqualTo(1);
        assertThat(customers.lastTimestamp()).isEqualTo(1_700_000_000_003L);
        assertThat(customers.lastSeen()).isEqualTo(42);
        assertThat(state.count(Topics.JOB_STATUS.name()).records()).isEqualTo(1);
        assertThat(state.jobs().get("latest")).isEmpty();
        assertThat(state.count("station-enrichment.dlq").records()).isEqualTo(1);
        assertThat(state.count("never.seen").records()).isZero();
        assertThat(state.counts()).containsKeys(Topics.CUSTOMERS_ENRICHED.name(), Topics.JOB_STATUS.name(), "station-enrichment.dlq");
    }

    private static JsonNode byId(JsonNode stations, String id) {
        for (JsonNode s : stations.get("stations")) {
            if (s.get("station_id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no station " + id);
    }
}
