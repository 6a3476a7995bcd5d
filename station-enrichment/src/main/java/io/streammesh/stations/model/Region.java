package io.streammesh.stations.model;

/** A {@code system.regions} record (GBFS {@code system_regions}); {@code region_id} is required, {@code name} may be absent. */
public record Region(String regionId, String name) {

    public Region {
        if (regionId == null || regionId.isBlank()) {
            throw new IllegalArgumentException("region_id is missing");
        }
    }
}
