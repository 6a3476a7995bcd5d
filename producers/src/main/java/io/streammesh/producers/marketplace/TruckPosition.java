package io.streammesh.producers.marketplace;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A {@code tradie_truck_location} value (spec, "Service marketplace"), keyed by the truck id. */
public record TruckPosition(String jobId, String state, double lat, @JsonProperty("long") double lon) {

    public static final String EN_ROUTE = "EN_ROUTE";
    public static final String ARRIVED = "ARRIVED";
}
