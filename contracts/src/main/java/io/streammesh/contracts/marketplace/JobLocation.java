package io.streammesh.contracts.marketplace;

import io.streammesh.contracts.Coordinate;
import io.streammesh.contracts.Coordinate.Axis;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.streammesh.contracts.Required;

/**
 * A {@code joblocation} row: where a job takes place, keyed by the job id ({@code id}; the record key
 * stands in for a missing one). The destination is what truck-tracker's formulas need.
 */
public record JobLocation(String id, String customerName, String email, String address, @Required @Coordinate(Axis.LATITUDE) Double destLat,
                          @Required @Coordinate(Axis.LONGITUDE) Double destLong, @JsonPropertyDescription("epoch ms") Long reportingTime) {
}
