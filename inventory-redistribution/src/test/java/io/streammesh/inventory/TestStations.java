package io.streammesh.inventory;

import io.streammesh.inventory.model.StationEnriched;

/** Builds {@code stations.enriched} records for tests. */
final class TestStations {

    private TestStations() {
    }

    static StationEnriched station(String id, String region, int capacity, int bikes, int docks) {
        return new StationEnriched(id, "Station " + id, region == null ? null : "r-" + region, region,
                40.0 + id.hashCode() % 100 / 1000.0, -74.0 - id.hashCode() % 70 / 1000.0, capacity, bikes, docks, true);
    }

    static StationEnriched at(String id, String region, double lat, double lon, int capacity, int bikes, int docks) {
        return new StationEnriched(id, "Station " + id, region == null ? null : "r-" + region, region, lat, lon, capacity, bikes,
                docks, true);
    }

    static StationEnriched installed(StationEnriched s, Boolean installed) {
        return new StationEnriched(s.stationId(), s.name(), s.regionId(), s.regionName(), s.lat(), s.lon(), s.capacity(),
                s.numBikesAvailable(), s.numDocksAvailable(), installed);
    }

    static StationEnriched renamed(StationEnriched s, String name) {
        return new StationEnriched(s.stationId(), name, s.regionId(), s.regionName(), s.lat(), s.lon(), s.capacity(),
                s.numBikesAvailable(), s.numDocksAvailable(), s.isInstalled());
    }
}
