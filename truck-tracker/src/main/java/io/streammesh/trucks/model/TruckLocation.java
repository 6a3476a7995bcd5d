package io.streammesh.trucks.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A truck's position ({@code tradie_truck_location}, keyed by the truck id). {@code job_id} is what
 * the join needs and {@code lat}/{@code long} what the formulas need, so a record without them is
 * rejected here and dead-lettered. {@code vehicle_id} is the record key; a value may carry it too
 * (as {@code vehicle_id}, {@code truck_id} or {@code id}) for producers that send no key.
 */
public record TruckLocation(String jobId, String state, Double lat, @JsonProperty("long") Double lon,
                            @JsonAlias({"truck_id", "id"}) String vehicleId) {

    public TruckLocation {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("job_id is missing");
        }
        if (lat == null) {
            throw new IllegalArgumentException("lat is missing");
        }
        if (lon == null) {
            throw new IllegalArgumentException("long is missing");
        }
    }

    /** This position reported by {@code truckId} (the record key), which wins over an id in the value. */
    public TruckLocation reportedBy(String truckId) {
        String vehicle = truckId != null ? truckId : vehicleId;
        if (vehicle == null) {
            throw new IllegalArgumentException("truck id is missing: no record key and no vehicle_id in the value");
        }
        return vehicle.equals(vehicleId) ? this : new TruckLocation(jobId, state, lat, lon, vehicle);
    }
}
