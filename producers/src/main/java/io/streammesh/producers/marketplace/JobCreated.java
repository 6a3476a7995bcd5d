package io.streammesh.producers.marketplace;

/** A {@code job_created} value (spec, "Service marketplace"): {@code price} is the least the tradesperson charges. */
public record JobCreated(long jobId, String jobStartDate, String jobEndDate, long price, String jobStatus) {

    /** Every new job's status, as in the original demo. */
    public static final String YET_TO_BEGIN = "Yet To Begin";
}
