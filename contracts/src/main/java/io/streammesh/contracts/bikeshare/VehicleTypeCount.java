package io.streammesh.contracts.bikeshare;

/** One entry of GBFS {@code vehicle_types_available}. */
public record VehicleTypeCount(String vehicleTypeId, Integer count) {
}
