package io.streammesh.contracts.bikeshare;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A row of {@code inventory.availability.low}: a station short of bikes. */
public record LowAvailability(
        @JsonUnwrapped AvailableStation station,
        @JsonPropertyDescription("bikes missing to half the capacity: FLOOR(capacity / 2) - num_bikes_available") int shortage,
        @JsonPropertyDescription("ROUND(bikes / capacity, 2), a fraction between 0 and 1") double percentAvailable) {

    public String stationId() {
        return station.stationId();
    }
}
