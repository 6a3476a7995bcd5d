package io.streammesh.contracts.bikeshare;

import io.streammesh.contracts.Required;

/** A {@code system.regions} record: one region of GBFS {@code system_regions}; {@code name} may be absent. */
public record Region(@Required String regionId, String name) {
}
