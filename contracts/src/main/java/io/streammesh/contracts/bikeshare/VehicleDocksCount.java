package io.streammesh.contracts.bikeshare;

import java.util.List;

/** One entry of GBFS {@code vehicle_docks_available}: docks free for these vehicle types. */
public record VehicleDocksCount(List<String> vehicleTypeIds, Integer count) {
}
