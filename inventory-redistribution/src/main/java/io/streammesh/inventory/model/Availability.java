package io.streammesh.inventory.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A row of {@code inventory.availability.high} (with {@code surplus}) or
 * {@code inventory.availability.low} (with {@code shortage}); the other of the two is null and not
 * written, so each topic's values carry exactly the spec's fields.
 */
public record Availability(
        String stationId,
        String name,
        String regionName,
        double lat,
        double lon,
        int capacity,
        int numBikesAvailable,
        int numDocksAvailable,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer surplus,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer shortage,
        double percentAvailable) {

    public Availability {
        if ((surplus == null) == (shortage == null)) {
            throw new IllegalArgumentException("an availability row has either a surplus or a shortage");
        }
    }

    /** In {@code inventory.availability.high}. */
    public boolean inHighSet() {
        return surplus != null;
    }

    /** In {@code inventory.availability.low}. */
    public boolean inLowSet() {
        return shortage != null;
    }
}
