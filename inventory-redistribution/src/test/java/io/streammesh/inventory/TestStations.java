package io.streammesh.inventory;

import java.util.Map;
import java.util.LinkedHashMap;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.bikeshare.StationStatus;

/** Builds {@code stations.enriched} records for tests, with the fields this service reads. */
final class TestStations {

    private TestStations() {
    }

    /** A station with these fields (any may be null but the id); region_id is {@code r-<region>}. */
    static StationEnriched of(String id, String name, String region, Double lat, Double lon, Integer capacity, Integer bikes,
                              Integer docks, Boolean installed) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("station_id", id);
        fields.put("name", name);
        fields.put("lat", lat);
        fields.put("lon", lon);
        fields.put("region_id", region == null ? null : "r-" + region);
        fields.put("capacity", capacity);
        StationInfo info = Json.MAPPER.convertValue(fields, StationInfo.class);
        StationStatus status = new StationStatus(id, bikes, null, null, docks, null, installed, null, null, null, null);
        return new StationEnriched(new StationInfoLatest(info, region), status);
    }

    static StationEnriched station(String id, String region, int capacity, int bikes, int docks) {
        return at(id, region, 40.0 + id.hashCode() % 100 / 1000.0, -74.0 - id.hashCode() % 70 / 1000.0, capacity, bikes, docks);
    }

    static StationEnriched at(String id, String region, double lat, double lon, int capacity, int bikes, int docks) {
        return of(id, "Station " + id, region, lat, lon, capacity, bikes, docks, true);
    }

    static StationEnriched installed(StationEnriched s, Boolean installed) {
        return of(s.stationId(), s.info().name(), s.regionName(), s.info().lat(), s.info().lon(), s.info().capacity(),
                s.status().numBikesAvailable(), s.status().numDocksAvailable(), installed);
    }

    static StationEnriched renamed(StationEnriched s, String name) {
        return of(s.stationId(), name, s.regionName(), s.info().lat(), s.info().lon(), s.info().capacity(),
                s.status().numBikesAvailable(), s.status().numDocksAvailable(), s.status().isInstalled());
    }

    /** The same station in another region (a region renamed in system.regions). */
    static StationEnriched inRegion(StationEnriched s, String region) {
        return new StationEnriched(s.station().withRegionName(region), s.status());
    }
}
