package io.streammesh.contracts.bikeshare;

import io.streammesh.contracts.Required;

/** A {@code customers.demographics} record. */
public record CustomerDemographics(@Required String customerId, Integer age, String gender, Long income,
                                   String educationLevel, String maritalStatus) {
}
