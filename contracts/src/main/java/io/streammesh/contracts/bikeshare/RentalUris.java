package io.streammesh.contracts.bikeshare;

import com.fasterxml.jackson.annotation.JsonInclude;

/** GBFS {@code rental_uris}: deep links to rent at a station. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RentalUris(String android, String ios, String web) {
}
