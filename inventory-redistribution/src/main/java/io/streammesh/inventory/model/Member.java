package io.streammesh.inventory.model;

/**
 * A station as one side of the pairing in its region: what a pair needs to know about it.
 * {@code amount} is its surplus when it is a source, its shortage when it is a destination.
 */
public record Member(String stationId, String regionName, String name, double lat, double lon, int amount) {

    public Member {
        if (stationId == null || regionName == null) {
            throw new IllegalArgumentException("a pairing member needs a station_id and a region_name");
        }
    }
}
