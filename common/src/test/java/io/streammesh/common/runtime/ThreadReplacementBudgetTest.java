package io.streammesh.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadReplacementBudgetTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void replacesUpToTheBudgetWithinTheWindowThenRefuses() {
        ThreadReplacementBudget budget = new ThreadReplacementBudget(3, Duration.ofMinutes(10));
        assertThat(budget.tryReplace(0)).isTrue();
        assertThat(budget.tryReplace(MINUTE)).isTrue();
        assertThat(budget.tryReplace(2 * MINUTE)).isTrue();
        assertThat(budget.tryReplace(3 * MINUTE)).as("fourth failure within 10 minutes").isFalse();
        assertThat(budget.used()).isEqualTo(3);
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        ThreadReplacementBudget budget = new ThreadReplacementBudget(2, Duration.ofMinutes(10));
        assertThat(budget.tryReplace(0)).isTrue();
        assertThat(budget.tryReplace(5 * MINUTE)).isTrue();
        assertThat(budget.tryReplace(9 * MINUTE)).isFalse();
        // the first failure is 10 minutes old at 10 min: it leaves the window
        assertThat(budget.tryReplace(10 * MINUTE)).isTrue();
        assertThat(budget.used()).isEqualTo(2);
    }

    @Test
    void aZeroBudgetNeverReplaces() {
        ThreadReplacementBudget budget = new ThreadReplacementBudget(0, Duration.ofMinutes(10));
        assertThat(budget.tryReplace(0)).isFalse();
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> new ThreadReplacementBudget(-1, Duration.ofMinutes(1)))
                .hasMessageContaining("replacements must be >= 0");
    }
}
