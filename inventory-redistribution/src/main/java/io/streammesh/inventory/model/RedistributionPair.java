package io.streammesh.inventory.model;

/**
 * A value of {@code inventory.redistribution}, key {@code <source_station_id>-<dest_station_id>}:
 * move {@code redistribution} bikes from a surplus station to a shortage station of the same region.
 * {@code distance} is in miles, rounded to 2 decimals.
 */
public record RedistributionPair(
        String sourceStationId,
        String destStationId,
        String regionName,
        String sourceName,
        String destName,
        int sourceSurplus,
        int destShortage,
        int redistribution,
        double distance) {

    public static String key(String sourceStationId, String destStationId) {
        return sourceStationId + "-" + destStationId;
    }

    public String key() {
        return key(sourceStationId, destStationId);
    }
}
