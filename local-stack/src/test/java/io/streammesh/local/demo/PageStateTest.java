package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Topics;
import io.streammesh.contracts.marketplace.QuoteDecision;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageStateTest {

    private final PageState state = new PageState();
    private long ts = 1_700_000_000_000L;

    private void apply(String topic, String key, String value) {
        state.apply(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), ts++, 42);
    }

    private static String enriched(String id, String region, double lat, double lon, int capacity, int bikes) {
        return "{\"station_id\":\"" + id + "\",\"name\":\"S" + id + "\",\"region_name\":\"" + region + "\",\"lat\":" + lat
                + ",\"lon\":" + lon + ",\"capacity\":" + capacity + ",\"num_bikes_available\":" + bikes
                + ",\"num_docks_available\":" + (capacity - bikes) + "}";
    }

    private PageState.StationView station(String id) {
        return state.stations().stream().filter(s -> s.stationId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void stationsTakeTheirInfoFromTheLatestTableAndTheirNumbersFromTheEnrichedStatuses() {
        apply(Topics.STATIONS_INFO_LATEST.name(), "1", "{\"station_id\":\"1\",\"name\":\"One\",\"lat\":40.7,\"lon\":-74.0,\"capacity\":20,"
                + "\"region_name\":\"Uptown\"}");
        assertThat(station("1").numBikesAvailable()).isNull();
        apply(Topics.STATIONS_ENRICHED.name(), "1", enriched("1", "Uptown", 40.7, -74.0, 20, 3));
        apply(Topics.STATIONS_ENRICHED.name(), "2", enriched("2", "Uptown", 40.8, -74.1, 10, 9));
        apply(Topics.STATIONS_ENRICHED.name(), "1", enriched("1", "Uptown", 40.7, -74.0, 20, 2));
        // a renamed station keeps its latest numbers until its next status
        apply(Topics.STATIONS_INFO_LATEST.name(), "1", "{\"station_id\":\"1\",\"name\":\"Uno\",\"lat\":40.7,\"lon\":-74.0,\"capacity\":20,"
                + "\"region_name\":\"Uptown\"}");

        assertThat(state.stations()).extracting(PageState.StationView::stationId).containsExactly("1", "2");
        assertThat(station("1").name()).isEqualTo("Uno");
        assertThat(station("1").numBikesAvailable()).isEqualTo(2);
        assertThat(station("1").numDocksAvailable()).isEqualTo(18);
        assertThat(station("2").regionName()).isEqualTo("Uptown");

        apply(Topics.STATIONS_INFO_LATEST.name(), "2", null); // the station was deleted
        assertThat(state.stations()).extracting(PageState.StationView::stationId).containsExactly("1");
    }

    @Test
    void aStationWithoutCoordinatesIsNotDrawn() {
        apply(Topics.STATIONS_ENRICHED.name(), "9", "{\"station_id\":\"9\",\"capacity\":10,\"num_bikes_available\":1}");
        assertThat(state.stations()).isEmpty();
    }

    @Test
    void jobStatusesAreCountedByStatusAndTheNewestAreListedFirst() {
        for (int i = 0; i < 25; i++) {
            apply(Topics.JOB_STATUS.name(), String.valueOf(i), "{\"job_id\":" + i + ",\"price\":100,\"price_quoted\":" + (i % 3 == 0 ? 50 : 150)
                    + ",\"current_status\":\"" + (i % 3 == 0 ? "REJECTED" : "ACCEPTED") + "\"}");
        }
        assertThat(state.statusCounts()).containsEntry(QuoteDecision.ACCEPTED, 16L).containsEntry(QuoteDecision.REJECTED, 9L);
        List<PageState.JobView> latest = state.latestJobs();
        assertThat(latest).hasSize(PageState.LATEST_JOBS);
        assertThat(latest.get(0).status().jobId()).isEqualTo(24);
        assertThat(latest.get(0).status().priceQuoted()).isEqualTo(50);
        assertThat(latest.get(PageState.LATEST_JOBS - 1).status().jobId()).isEqualTo(5);
    }

    @Test
    void everyRecordIsCountedWithItsTimestampTablesTrackTheirLiveKeysAndRejectedValuesShowNowhereElse() {
        apply(Topics.CUSTOMERS_ENRICHED.name(), "c1", "{\"customer_id\":\"c1\"}");
        apply(Topics.CUSTOMERS_ENRICHED.name(), "c2", "{\"customer_id\":\"c2\"}");
        apply(Topics.CUSTOMERS_ENRICHED.name(), "c1", "{\"customer_id\":\"c1\",\"age\":3}");
        apply(Topics.CUSTOMERS_ENRICHED.name(), "c2", null);
        apply(Topics.JOB_STATUS.name(), "j", "{not json");
        apply(Topics.JOB_STATUS.name(), "k", "{\"job_id\":7}"); // no current_status: the contract rejects it
        apply("station-enrichment.dlq", "x", "raw bytes");

        PageState.TopicCount customers = state.count(Topics.CUSTOMERS_ENRICHED.name());
        assertThat(customers.records()).isEqualTo(4);
        assertThat(customers.tombstones()).isEqualTo(1);
        assertThat(customers.liveKeys()).isEqualTo(1);
        assertThat(customers.lastTimestamp()).isEqualTo(1_700_000_000_003L);
        assertThat(customers.lastSeen()).isEqualTo(42);
        assertThat(state.count(Topics.JOB_STATUS.name()).records()).isEqualTo(2);
        assertThat(state.latestJobs()).isEmpty();
        assertThat(state.count("station-enrichment.dlq").records()).isEqualTo(1);
        assertThat(state.count("never.seen").records()).isZero();
        assertThat(state.counts()).containsKeys(Topics.CUSTOMERS_ENRICHED.name(), Topics.JOB_STATUS.name(), "station-enrichment.dlq");
    }
}
