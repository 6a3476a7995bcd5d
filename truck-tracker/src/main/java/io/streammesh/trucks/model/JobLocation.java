package io.streammesh.trucks.model;

/**
 * Where a job takes place ({@code joblocation}, a table keyed by job id). The destination is what the
 * distance and ETA formulas need, so a row without it is rejected here and dead-lettered.
 */
public record JobLocation(String id, String customerName, String email, String address, Double destLat, Double destLong,
                          Long reportingTime) {

    public JobLocation {
        if (destLat == null) {
            throw new IllegalArgumentException("dest_lat is missing");
        }
        if (destLong == null) {
            throw new IllegalArgumentException("dest_long is missing");
        }
    }
}
