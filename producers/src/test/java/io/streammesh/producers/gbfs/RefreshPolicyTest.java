package io.streammesh.producers.gbfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The contract's refresh bounds and the back-off after failures. */
class RefreshPolicyTest {

    final RefreshPolicy policy = RefreshPolicy.CONTRACT;

    @Test
    void aFileIsFetchedAgainAfterItsTtlWithinFiveAndThreeHundredSecondsAndSixtyWithoutOne() {
        assertThat(policy.interval(OptionalLong.of(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.interval(OptionalLong.of(0))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.interval(OptionalLong.of(4))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.interval(OptionalLong.of(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.interval(OptionalLong.of(300))).isEqualTo(Duration.ofSeconds(300));
        assertThat(policy.interval(OptionalLong.of(86_400))).isEqualTo(Duration.ofSeconds(300));
        assertThat(policy.interval(OptionalLong.empty())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void failuresBackOffExponentiallyFromTheShortestRefreshUpToTheMaximum() {
        assertThat(policy.retryDelay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.retryDelay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.retryDelay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.retryDelay(7, Optional.empty())).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.retryDelay(1_000, Optional.empty())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRetryAfterIsHonouredWhenLongerThanTheBackOffAndCappedAtAnHour() {
        assertThat(policy.retryDelay(1, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofSeconds(120));
        assertThat(policy.retryDelay(1, Optional.of(Duration.ofSeconds(1)))).as("never sooner than the back-off").isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.retryDelay(1, Optional.of(Duration.ofDays(2)))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2025-07-02T06:30:00Z");
        assertThat(FeedFetcher.retryAfter("120", now)).hasValue(Duration.ofSeconds(120));
        assertThat(FeedFetcher.retryAfter(" 0 ", now)).hasValue(Duration.ZERO);
        assertThat(FeedFetcher.retryAfter("Wed, 02 Jul 2025 06:31:30 GMT", now)).hasValue(Duration.ofSeconds(90));
        assertThat(FeedFetcher.retryAfter("Wed, 02 Jul 2025 06:00:00 GMT", now)).hasValue(Duration.ZERO);
        assertThat(FeedFetcher.retryAfter("soon", now)).isEmpty();
        assertThat(FeedFetcher.retryAfter("-5", now)).isEmpty();
    }

    @Test
    void boundsThatContradictEachOtherAreRejected() {
        assertThatThrownBy(() -> new RefreshPolicy(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(5)))
                .hasMessageContaining("--min-interval");
        assertThatThrownBy(() -> new RefreshPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(5)))
                .hasMessageContaining("--initial-backoff");
    }
}
