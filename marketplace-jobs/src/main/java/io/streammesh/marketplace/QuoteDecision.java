package io.streammesh.marketplace;

/** Whether a customer's quote covers the tradesperson's price: {@code current_status} of {@code job_status}. */
public enum QuoteDecision {
    ACCEPTED, REJECTED;

    /** ACCEPTED when {@code price_quoted >= price} (a quote of exactly the price is enough), else REJECTED. */
    public static QuoteDecision of(long priceQuoted, long price) {
        return priceQuoted >= price ? ACCEPTED : REJECTED;
    }
}
