package io.streammesh.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.marketplace.JobCreated;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.contracts.marketplace.OrderPlaced;
import io.streammesh.contracts.marketplace.QuoteDecision;
import org.junit.jupiter.api.Test;

class JobStatusJoinerTest {

    @Test
    void aQuoteCoveringThePriceIsAccepted() {
        assertThat(JobStatusJoiner.decide(100, 100)).isEqualTo(QuoteDecision.ACCEPTED);
        assertThat(JobStatusJoiner.decide(101, 100)).isEqualTo(QuoteDecision.ACCEPTED);
        assertThat(JobStatusJoiner.decide(0, 0)).isEqualTo(QuoteDecision.ACCEPTED);
    }

    @Test
    void aQuoteBelowThePriceIsRejected() {
        assertThat(JobStatusJoiner.decide(99, 100)).isEqualTo(QuoteDecision.REJECTED);
        assertThat(JobStatusJoiner.decide(-1, 0)).isEqualTo(QuoteDecision.REJECTED);
    }

    @Test
    void theStatusHasTheOrdersColumnsTheJobsPriceAndTheDecision() {
        OrderPlaced order = new OrderPlaced(7L, "c-1", "Plumbing", "k-9", "Newtown", 90L);
        JobCreated job = new JobCreated(7L, "2025-03-01", "2025-03-02", 100L, JobCreated.YET_TO_BEGIN);
        assertThat(new JobStatusJoiner().apply(order, job))
                .isEqualTo(new JobStatus(7, "c-1", "Plumbing", 100, 90, QuoteDecision.REJECTED));
    }
}
