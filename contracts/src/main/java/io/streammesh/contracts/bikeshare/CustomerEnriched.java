package io.streammesh.contracts.bikeshare;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A {@code customers.enriched} row: the fields of a customer's {@link CustomerInfo}, then those of
 * their {@link CustomerDemographics} ({@code customer_id} once: both sides are joined on it).
 */
public record CustomerEnriched(
        @JsonUnwrapped CustomerInfo info,
        @JsonUnwrapped @JsonIgnoreProperties(value = "customer_id", allowSetters = true) CustomerDemographics demographics) {

    public String customerId() {
        return info.customerId();
    }
}
