package io.streammesh.stations.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A {@code stations.status} record: one station of GBFS 2.3 {@code station_status}; {@code station_id} is required. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationStatus(
        String stationId,
        Integer numBikesAvailable,
        List<VehicleTypeCount> vehicleTypesAvailable,
        Integer numBikesDisabled,
        Integer numDocksAvailable,
        Integer numDocksDisabled,
        Boolean isInstalled,
        Boolean isRenting,
        Boolean isReturning,
        Long lastReported,
        List<VehicleDocksCount> vehicleDocksAvailable) {

    public StationStatus {
        if (stationId == null || stationId.isBlank()) {
            throw new IllegalArgumentException("station_id is missing");
        }
    }
}
