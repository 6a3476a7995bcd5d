package io.streammesh.customers.model;

/** A {@code customers.demographics} record; {@code customer_id} is required (it is the join key). */
public record CustomerDemographics(String customerId, Integer age, String gender, Long income, String educationLevel,
                                   String maritalStatus) {

    public CustomerDemographics {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("customer_id is missing");
        }
    }
}
