package io.streammesh.stations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Json;
import io.streammesh.stations.model.Region;
import io.streammesh.stations.model.StationEnriched;
import io.streammesh.stations.model.StationInfo;
import io.streammesh.stations.model.StationInfoLatest;
import io.streammesh.stations.model.StationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StationEnricherTest {

    static final StationInfo INFO = new StationInfo("S1", "Pier 40", "P40", 40.72, -74.01, "Pier 40", "West St", "R1", "10014",
            List.of("KEY"), false, null, "street_parking", false, null, 31, null, false, true, null, Map.of("classic", 31));

    @Test
    void latestCarriesTheRegionNameOrNull() {
        assertThat(StationEnricher.latest(INFO, new Region("R1", "Lower Manhattan")).regionName()).isEqualTo("Lower Manhattan");
        assertThat(StationEnricher.latest(INFO, null).regionName()).isNull();
        assertThat(StationEnricher.latest(INFO, new Region("R1", null)).regionName()).isNull();
        StationInfoLatest latest = StationEnricher.latest(INFO, null);
        assertThat(latest.capacity()).isEqualTo(31);
        assertThat(latest.vehicleTypeCapacity()).containsEntry("classic", 31);
        assertThat(latest.isChargingStation()).isTrue();
    }

    @Test
    void enrichedTakesStationIdFromTheStatusAndEveryOtherFieldFromItsSide() {
        StationInfoLatest latest = StationEnricher.latest(
                new StationInfo("info-id", "Pier 40", null, 40.72, -74.01, null, null, "R1", null, null, null, null, null,
                        null, null, 31, null, null, null, null, null), new Region("R1", "Lower Manhattan"));
        StationStatus status = new StationStatus("S1", 4, null, 1, 25, 1, true, true, false, 1_751_437_263L, null);
        StationEnriched e = StationEnricher.enrich(latest, status);
        assertThat(e.stationId()).isEqualTo("S1");
        assertThat(e.name()).isEqualTo("Pier 40");
        assertThat(e.regionName()).isEqualTo("Lower Manhattan");
        assertThat(e.capacity()).isEqualTo(31);
        assertThat(e.numBikesAvailable()).isEqualTo(4);
        assertThat(e.numBikesDisabled()).isEqualTo(1);
        assertThat(e.numDocksAvailable()).isEqualTo(25);
        assertThat(e.numDocksDisabled()).isEqualTo(1);
        assertThat(e.isReturning()).isFalse();
        assertThat(e.lastReported()).isEqualTo(1_751_437_263L);
    }

    @Test
    void recordsWriteSnakeCaseOmitAbsentFieldsButAlwaysWriteRegionName() {
        String json = Json.write(StationEnricher.latest(new StationInfo("S1", "A", null, null, null, null, null, null, null,
                null, true, null, null, null, null, 10, null, null, null, null, null), null));
        assertThat(json).isEqualTo("{\"station_id\":\"S1\",\"name\":\"A\",\"is_virtual_station\":true,\"capacity\":10,\"region_name\":null}");
    }
}
