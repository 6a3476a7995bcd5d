package io.streammesh.customers.model;

/** A {@code customers.enriched} row: contact details and demographics of one customer. */
public record CustomerEnriched(String customerId, String firstName, String lastName, String email, String phoneNumber,
                               Integer age, String gender, Long income, String educationLevel, String maritalStatus) {
}
