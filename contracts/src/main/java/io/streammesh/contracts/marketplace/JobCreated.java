package io.streammesh.contracts.marketplace;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.streammesh.contracts.Required;

/** A {@code job_created} record: a job a tradesperson created; {@code price} is the least they will do it for. */
public record JobCreated(@Required Long jobId, String jobStartDate, String jobEndDate, @Required @JsonPropertyDescription("the least the tradesperson will do the job for") Long price,
                         @JsonPropertyDescription("Yet To Begin for a new job") String jobStatus) {

    /** Every new job's status, as in the original demo. */
    public static final String YET_TO_BEGIN = "Yet To Begin";
}
