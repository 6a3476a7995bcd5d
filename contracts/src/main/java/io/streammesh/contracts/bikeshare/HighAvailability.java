package io.streammesh.contracts.bikeshare;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A row of {@code inventory.availability.high}: a station with a surplus of bikes. */
public record HighAvailability(
        @JsonUnwrapped AvailableStation station,
        @JsonPropertyDescription("bikes above half the capacity: num_bikes_available - FLOOR(capacity / 2)") int surplus,
        @JsonPropertyDescription("ROUND(bikes / capacity, 2), a fraction between 0 and 1") double percentAvailable) {

    public String stationId() {
        return station.stationId();
    }
}
