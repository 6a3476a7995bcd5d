package io.streammesh.marketplace.model;

/**
 * A customer's order for a job ({@code order_placed}). {@code job_id} and {@code price_quoted} are what
 * the join and the ACCEPTED/REJECTED rule need, so a record without them is rejected here and
 * dead-lettered by the runtime.
 */
public record OrderPlaced(Long jobId, String customerId, String serviceOption, String contractorId, String location,
                          Long priceQuoted) {

    public OrderPlaced {
        if (jobId == null) {
            throw new IllegalArgumentException("job_id is missing");
        }
        if (priceQuoted == null) {
            throw new IllegalArgumentException("price_quoted is missing");
        }
    }
}
