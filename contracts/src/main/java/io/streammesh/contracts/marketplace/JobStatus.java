package io.streammesh.contracts.marketplace;

import io.streammesh.contracts.Required;

/** A {@code job_status} record: one order matched to its job, with the decision on the quote. */
public record JobStatus(long jobId, String customerId, String serviceOption, long price, long priceQuoted,
                        @Required QuoteDecision currentStatus) {
}
