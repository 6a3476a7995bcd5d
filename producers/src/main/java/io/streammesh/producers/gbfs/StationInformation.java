package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A {@code stations.info} record: one station of GBFS {@code station_information}, with the GBFS
 * 2.3 field names (spec, "Bike-share data mesh"). Absent optional fields are left out of the JSON,
 * as the feeds do.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationInformation(
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
}
