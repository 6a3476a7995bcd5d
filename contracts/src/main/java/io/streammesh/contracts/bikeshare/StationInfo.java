package io.streammesh.contracts.bikeshare;

import io.streammesh.contracts.Coordinate;
import io.streammesh.contracts.Coordinate.Axis;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Required;
import java.util.List;
import java.util.Map;

/**
 * A {@code stations.info} record: one station of GBFS {@code station_information}, with the GBFS 2.3
 * field names (a 3.x feed is normalised to them by the producer). Absent optional fields are left out
 * of the JSON, as the feeds do. The rows of {@code stations.info.latest} and {@code stations.enriched}
 * carry these fields through this record, so a new GBFS field is added here once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationInfo(
        @Required String stationId,
        String name,
        String shortName,
        @Coordinate(Axis.LATITUDE) Double lat,
        @Coordinate(Axis.LONGITUDE) Double lon,
        String address,
        String crossStreet,
        String regionId,
        String postCode,
        List<String> rentalMethods,
        Boolean isVirtualStation,
        @JsonPropertyDescription("GeoJSON MultiPolygon") JsonNode stationArea,
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
