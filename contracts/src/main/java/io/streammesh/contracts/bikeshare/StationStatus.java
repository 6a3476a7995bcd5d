package io.streammesh.contracts.bikeshare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.streammesh.contracts.Required;
import java.util.List;

/** A {@code stations.status} record: one station of GBFS {@code station_status}, GBFS 2.3 names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationStatus(
        @Required String stationId,
        Integer numBikesAvailable,
        List<VehicleTypeCount> vehicleTypesAvailable,
        Integer numBikesDisabled,
        Integer numDocksAvailable,
        Integer numDocksDisabled,
        Boolean isInstalled,
        Boolean isRenting,
        Boolean isReturning,
        @JsonPropertyDescription("epoch seconds") Long lastReported,
        List<VehicleDocksCount> vehicleDocksAvailable) {
}
