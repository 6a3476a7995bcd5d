package io.streammesh.inventory.model;

/**
 * The fields of a {@code stations.enriched} record this service needs (spec, "Bike-share data
 * mesh": station info merged with its latest status). Read leniently: any field-name case, unknown
 * fields ignored, and every field but {@code station_id} may be missing; whether a missing field
 * matters is decided by {@link io.streammesh.inventory.StationAvailability}.
 */
public record StationEnriched(
        String stationId,
        String name,
        String regionId,
        String regionName,
        Double lat,
        Double lon,
        Integer capacity,
        Integer numBikesAvailable,
        Integer numDocksAvailable,
        Boolean isInstalled) {

    public StationEnriched {
        if (stationId == null || stationId.isBlank()) {
            // without it the station cannot be keyed, stored or paired: dead-lettered by the serde
            throw new IllegalArgumentException("station_id is missing");
        }
    }
}
