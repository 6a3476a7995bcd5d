package io.streammesh.marketplace.model;

/**
 * A job a tradesperson created ({@code job_created}): {@code price} is the least they will do it for.
 * {@code job_id} and {@code price} are what the join and the ACCEPTED/REJECTED rule need, so a record
 * without them is rejected here and dead-lettered by the runtime.
 */
public record JobCreated(Long jobId, String jobStartDate, String jobEndDate, Long price, String jobStatus) {

    public JobCreated {
        if (jobId == null) {
            throw new IllegalArgumentException("job_id is missing");
        }
        if (price == null) {
            throw new IllegalArgumentException("price is missing");
        }
    }
}
