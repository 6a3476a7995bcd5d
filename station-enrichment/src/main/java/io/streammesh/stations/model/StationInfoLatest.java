package io.streammesh.stations.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A {@code stations.info.latest} row: the latest station info with the name of its region.
 * {@code region_name} is always written, as null when the region is unknown, so consumers can
 * tell "no region" from "old producer".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationInfoLatest(
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
        @JsonInclude(JsonInclude.Include.ALWAYS) String regionName) {
}
