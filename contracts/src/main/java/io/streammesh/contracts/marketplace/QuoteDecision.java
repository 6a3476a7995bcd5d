package io.streammesh.contracts.marketplace;

/** {@code current_status} of {@code job_status}: whether the customer's quote covers the tradesperson's price. */
public enum QuoteDecision {
    ACCEPTED, REJECTED
}
