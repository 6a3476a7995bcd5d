package io.streammesh.customers.model;

/** A {@code customers.info} record; {@code customer_id} is required (it is the join key). */
public record CustomerInfo(String customerId, String firstName, String lastName, String email, String phoneNumber) {

    public CustomerInfo {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customer_id is missing");
        }
    }
}
