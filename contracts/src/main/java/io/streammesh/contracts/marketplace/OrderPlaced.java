package io.streammesh.contracts.marketplace;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.streammesh.contracts.Required;

/** An {@code order_placed} record: a customer's order for a job, with the price they quoted. */
public record OrderPlaced(@Required Long jobId, String customerId, String serviceOption, String contractorId, String location,
                          @Required @JsonPropertyDescription("what the customer offers to pay") Long priceQuoted) {
}
