package io.streammesh.stations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Json;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.bikeshare.StationStatus;
import org.junit.jupiter.api.Test;

class StationEnricherTest {

    static final StationInfo INFO = Json.read("""
            {"station_id": "S1", "name": "Pier 40", "short_name": "P40", "lat": 40.72, "lon": -74.01, "address": "Pier 40",
             "cross_street": "West St", "region_id": "R1", "post_code": "10014", "rental_methods": ["KEY"],
             "is_virtual_station": false, "parking_type": "street_parking", "parking_hoop": false, "capacity": 31,
             "is_valet_station": false, "is_charging_station": true, "vehicle_type_capacity": {"classic": 31}}""", StationInfo.class);

    @Test
    void latestCarriesTheInfoAsItIsAndTheRegionNameOrNull() {
        assertThat(StationEnricher.latest(INFO, new Region("R1", "Lower Manhattan")).regionName()).isEqualTo("Lower Manhattan");
        assertThat(StationEnricher.latest(INFO, null).regionName()).isNull();
        assertThat(StationEnricher.latest(INFO, new Region("R1", null)).regionName()).isNull();
        assertThat(StationEnricher.latest(INFO, null).station()).isSameAs(INFO);
    }

    @Test
    void enrichedWritesStationIdOnceThenEveryOtherFieldOfBothSides() {
        StationInfoLatest latest = StationEnricher.latest(
                Json.read("""
                        {"station_id": "S1", "name": "Pier 40", "lat": 40.72, "lon": -74.01, "region_id": "R1", "capacity": 31}""",
                        StationInfo.class), new Region("R1", "Lower Manhattan"));
        StationStatus status = new StationStatus("S1", 4, null, 1, 25, 1, true, true, false, 1_751_437_263L, null);
        StationEnriched e = StationEnricher.enrich(latest, status);
        assertThat(e.stationId()).isEqualTo("S1");
        assertThat(Json.write(e)).isEqualTo("{\"station_id\":\"S1\",\"name\":\"Pier 40\",\"lat\":40.72,\"lon\":-74.01,"
                + "\"region_id\":\"R1\",\"capacity\":31,\"region_name\":\"Lower Manhattan\",\"num_bikes_available\":4,"
                + "\"num_bikes_disabled\":1,\"num_docks_available\":25,\"num_docks_disabled\":1,\"is_installed\":true,"
                + "\"is_renting\":true,\"is_returning\":false,\"last_reported\":1751437263}");
    }

    @Test
    void recordsWriteSnakeCaseOmitAbsentFieldsButAlwaysWriteRegionName() {
        String json = Json.write(StationEnricher.latest(Json.read("""
                {"station_id": "S1", "name": "A", "is_virtual_station": true, "capacity": 10}""", StationInfo.class), null));
        assertThat(json).isEqualTo("{\"station_id\":\"S1\",\"name\":\"A\",\"is_virtual_station\":true,\"capacity\":10,\"region_name\":null}");
    }
}
