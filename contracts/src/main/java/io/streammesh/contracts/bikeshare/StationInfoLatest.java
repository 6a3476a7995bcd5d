package io.streammesh.contracts.bikeshare;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A {@code stations.info.latest} row: every field of the station's latest {@link StationInfo}, then
 * {@code region_name}. {@code region_name} is always written, as null when the region is unknown, so
 * consumers can tell "no region" from "old producer".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationInfoLatest(
        @JsonUnwrapped StationInfo station,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonPropertyDescription("name of the latest system.regions record of region_id; null when unknown") String regionName) {

    public String stationId() {
        return station.stationId();
    }

    /** The same row with another region name: what a renamed, appearing or deleted region does to its stations. */
    public StationInfoLatest withRegionName(String name) {
        return new StationInfoLatest(station, name);
    }
}
