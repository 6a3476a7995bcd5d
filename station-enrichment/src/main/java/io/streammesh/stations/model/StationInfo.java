package io.streammesh.stations.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A {@code stations.info} record: one station of GBFS 2.3 {@code station_information}. Only
 * {@code station_id} is required: it is the key the join needs (spec, "Common rules").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationInfo(
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
        Map<String, Integer> vehicleTypeCapacity) {

    public StationInfo {
        if (stationId == null || stationId.isBlank()) {
            throw new IllegalArgumentException("station_id is missing");
        }
    }
}
