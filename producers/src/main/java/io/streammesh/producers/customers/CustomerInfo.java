package io.streammesh.producers.customers;

/** A {@code customers.info} record. */
public record CustomerInfo(String customerId, String firstName, String lastName, String email, String phoneNumber) {
}
