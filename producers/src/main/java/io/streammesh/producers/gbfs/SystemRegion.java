package io.streammesh.producers.gbfs;

/** A {@code system.regions} record: one region of GBFS {@code system_regions}. */
public record SystemRegion(String regionId, String name) {
}
