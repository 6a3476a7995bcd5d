package io.streammesh.stations.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A {@code stations.enriched} record: every info-latest field, then every status field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationEnriched(
        String stationId,
        String name,
        String shortName,
        Double lat,
        Double lon,
        String address,
        String crossStreet,
        String regionId,
        String postCode,
        List<String> rentalMethods,
        Boolean isVirtualStation,
        JsonNode stationArea,
        String parkingType,
        Boolean parkingHoop,
        String contactPhone,
        Integer capacity,
        Map<String, Integer> vehicleCapacity,
        Boolean isValetStation,
        Boolean isChargingStation,
        RentalUris rentalUris,
        Map<String, Integer> vehicleTypeCapacity,
        @JsonInclude(JsonInclude.Include.ALWAYS) String regionName,
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
