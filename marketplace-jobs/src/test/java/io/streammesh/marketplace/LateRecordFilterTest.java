package io.streammesh.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LateRecordFilterTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration GRACE = Duration.ofMinutes(5);

    @Test
    void aRecordIsLateOnlyOnceStreamTimePassesItsWindowEndPlusGrace() {
        long t = 1_000_000_000L;
        long windowEnd = t + HOUR.toMillis();
        assertThat(LateRecordFilter.isLate(t, t, HOUR, GRACE)).isFalse();
        assertThat(LateRecordFilter.isLate(t, windowEnd, HOUR, GRACE)).isFalse();
        assertThat(LateRecordFilter.isLate(t, windowEnd + GRACE.toMillis(), HOUR, GRACE)).isFalse();
        assertThat(LateRecordFilter.isLate(t, windowEnd + GRACE.toMillis() + 1, HOUR, GRACE)).isTrue();
    }

    @Test
    void zeroGraceDropsAnythingPastTheWindow() {
        assertThat(LateRecordFilter.isLate(0, HOUR.toMillis() + 1, HOUR, Duration.ZERO)).isTrue();
    }
}
