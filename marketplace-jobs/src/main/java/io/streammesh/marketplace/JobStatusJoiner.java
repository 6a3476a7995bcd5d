package io.streammesh.marketplace;

import io.streammesh.contracts.marketplace.JobCreated;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.contracts.marketplace.OrderPlaced;
import io.streammesh.contracts.marketplace.QuoteDecision;
import org.apache.kafka.streams.kstream.ValueJoiner;

/**
 * The joiner of the original statement: an order matched to its job gives the order's columns, the
 * job's price and the decision on the quote ({@code job_status}).
 */
final class JobStatusJoiner implements ValueJoiner<OrderPlaced, JobCreated, JobStatus> {

    @Override
    public JobStatus apply(OrderPlaced order, JobCreated job) {
        return new JobStatus(order.jobId(), order.customerId(), order.serviceOption(), job.price(), order.priceQuoted(),
                decide(order.priceQuoted(), job.price()));
    }

    /** ACCEPTED when {@code price_quoted >= price} (a quote of exactly the price is enough), else REJECTED. */
    static QuoteDecision decide(long priceQuoted, long price) {
        return priceQuoted >= price ? QuoteDecision.ACCEPTED : QuoteDecision.REJECTED;
    }
}
