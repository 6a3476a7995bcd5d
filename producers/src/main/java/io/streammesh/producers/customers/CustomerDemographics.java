package io.streammesh.producers.customers;

/** A {@code customers.demographics} record. */
public record CustomerDemographics(String customerId, Integer age, String gender, Long income, String educationLevel,
                                   String maritalStatus) {
}
