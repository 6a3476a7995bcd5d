package io.streammesh.contracts.bikeshare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A {@code stations.enriched} record: every field of the station's {@link StationInfoLatest} row,
 * then every field of its {@link StationStatus}. The only name both carry is {@code station_id}; it
 * is written once, from the status (the spec: status fields win a clash), and both sides are keyed by
 * it, so the two agree.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StationEnriched(
        @JsonUnwrapped StationInfoLatest station,
        @JsonUnwrapped @JsonIgnoreProperties(value = "station_id", allowSetters = true) StationStatus status) {

    public String stationId() {
        return status.stationId();
    }

    /** The station's information, without its region name. */
    public StationInfo info() {
        return station.station();
    }

    public String regionName() {
        return station.regionName();
    }
}
