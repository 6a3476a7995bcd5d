package io.streammesh.producers.marketplace;

/** An {@code order_placed} value (spec, "Service marketplace"). */
public record OrderPlaced(long jobId, String customerId, String serviceOption, String contractorId, String location,
                          long priceQuoted) {
}
