package io.streammesh.contracts.bikeshare;

import io.streammesh.contracts.Required;

/**
 * What {@code inventory.availability.high} and {@code .low} say of a station besides its surplus or
 * shortage: the fields of the spec's availability rows, in its order.
 */
public record AvailableStation(
        @Required String stationId,
        String name,
        String regionName,
        double lat,
        double lon,
        int capacity,
        int numBikesAvailable,
        int numDocksAvailable) {
}
