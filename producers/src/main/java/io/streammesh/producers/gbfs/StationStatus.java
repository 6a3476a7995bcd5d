package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A {@code stations.status} record: one station of GBFS {@code station_status}, GBFS 2.3 names,
 * {@code last_reported} in epoch seconds.
 */
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
}
