package io.streammesh.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteDecisionTest {

    @Test
    void aQuoteCoveringThePriceIsAccepted() {
        assertThat(QuoteDecision.of(100, 100)).isEqualTo(QuoteDecision.ACCEPTED);
        assertThat(QuoteDecision.of(101, 100)).isEqualTo(QuoteDecision.ACCEPTED);
        assertThat(QuoteDecision.of(0, 0)).isEqualTo(QuoteDecision.ACCEPTED);
    }

    @Test
    void aQuoteBelowThePriceIsRejected() {
        assertThat(QuoteDecision.of(99, 100)).isEqualTo(QuoteDecision.REJECTED);
        assertThat(QuoteDecision.of(-1, 0)).isEqualTo(QuoteDecision.REJECTED);
    }
}
