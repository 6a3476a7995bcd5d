package io.streammesh.contracts.marketplace;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.streammesh.contracts.Required;

/** A {@code job_status} record: one order matched to its job, with the decision on the quote. */
public record JobStatus(long jobId, String customerId, String serviceOption,
                        @JsonPropertyDescription("the job's price, from job_created") long price,
                        @JsonPropertyDescription("the customer's quote, from order_placed") long priceQuoted,
                        @JsonPropertyDescription("ACCEPTED when price_quoted >= price, else REJECTED") @Required QuoteDecision currentStatus) {
}
