package io.streammesh.marketplace.model;

import io.streammesh.marketplace.QuoteDecision;

/** One order matched to its job ({@code job_status}), with the decision on the quote. */
public record JobStatus(long jobId, String customerId, String serviceOption, long price, long priceQuoted,
                        QuoteDecision currentStatus) {

    /** The joiner of the original statement: the order's columns, the job's price, and the decision. */
    public static JobStatus of(OrderPlaced order, JobCreated job) {
        return new JobStatus(order.jobId(), order.customerId(), order.serviceOption(), job.price(), order.priceQuoted(),
                QuoteDecision.of(order.priceQuoted(), job.price()));
    }
}
