package io.streammesh.contracts.bikeshare;

import io.streammesh.contracts.Required;

/** A {@code customers.info} record: a customer's contact details. */
public record CustomerInfo(@Required String customerId, String firstName, String lastName, String email, String phoneNumber) {
}
