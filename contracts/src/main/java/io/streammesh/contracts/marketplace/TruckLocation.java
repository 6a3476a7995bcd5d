package io.streammesh.contracts.marketplace;

import io.streammesh.contracts.Coordinate;
import io.streammesh.contracts.Coordinate.Axis;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.streammesh.contracts.Required;

/**
 * A {@code tradie_truck_location} record: a truck's position, keyed by the truck id. A value may carry
 * the truck id too ({@code vehicle_id}, {@code truck_id} or {@code id}), for producers that send no key.
 */
public record TruckLocation(@Required String jobId, String state, @Required @Coordinate(Axis.LATITUDE) Double lat,
        @Required @Coordinate(Axis.LONGITUDE) @JsonProperty("long") Double lon,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonAlias({"truck_id", "id"})
                            @JsonPropertyDescription("the truck id, when the record has no key") String vehicleId) {

    public static final String EN_ROUTE = "EN_ROUTE";
    public static final String ARRIVED = "ARRIVED";

    /** This position with its truck id: {@code truckId}, the key the key rule gives the record (the value's vehicle_id, else the record key). */
    public TruckLocation reportedBy(String truckId) {
        String vehicle = truckId != null ? truckId : vehicleId;
        if (vehicle == null) {
            throw new IllegalArgumentException("truck id is missing: no record key and no vehicle_id in the value");
        }
        return vehicle.equals(vehicleId) ? this : new TruckLocation(jobId, state, lat, lon, vehicle);
    }
}
