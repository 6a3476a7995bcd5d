package io.streammesh.producers.marketplace;

/** A {@code joblocation} value (spec, "Service marketplace"), keyed by the job id. */
public record JobLocation(String id, String customerName, String email, String address, double destLat, double destLong,
                          long reportingTime) {
}
