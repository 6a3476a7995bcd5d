package io.streammesh.trucks.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A row of {@code truck_tracker}: the latest position of the truck driving to a job, keyed by job_id. */
public record TruckTracker(String jobId, String vehicleId, String state, double lat, @JsonProperty("long") double lon,
                           double destLat, double destLong, double distanceFromDestination, double etaSeconds, long updatedAt) {
}
