package io.streammesh.contracts.marketplace;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.streammesh.contracts.Required;

/** A row of {@code truck_tracker}: the latest position of the truck driving to a job, keyed by job_id. */
public record TruckTracker(
        @Required String jobId,
        @Required @JsonPropertyDescription("the truck id: the tradie_truck_location value's vehicle_id, else its record key") String vehicleId,
        String state,
        double lat,
        @JsonProperty("long") double lon,
        @JsonPropertyDescription("the job's destination, from joblocation") double destLat,
        @JsonPropertyDescription("the job's destination, from joblocation") double destLong,
        @JsonPropertyDescription("ROUND(GEO_DISTANCE(lat, long, dest_lat, dest_long, 'KM'), 2)") double distanceFromDestination,
        @JsonPropertyDescription("ROUND(MAX(|lat - dest_lat|, |long - dest_long|) / (0.5/10/10) * 2, 2)") double etaSeconds,
        @JsonPropertyDescription("the truck record's timestamp, epoch ms") long updatedAt) {
}
