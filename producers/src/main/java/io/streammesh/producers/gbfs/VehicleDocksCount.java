package io.streammesh.producers.gbfs;

import java.util.List;

/** One entry of GBFS {@code vehicle_docks_available}: free docks usable by these vehicle types. */
public record VehicleDocksCount(List<String> vehicleTypeIds, Integer count) {
}
