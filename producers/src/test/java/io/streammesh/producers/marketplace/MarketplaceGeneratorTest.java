package io.streammesh.producers.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammesh.contracts.Topics;
import io.streammesh.producers.marketplace.MarketplaceGenerator.PlannedJob;
import io.streammesh.producers.marketplace.MarketplaceGenerator.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketplaceGeneratorTest {

    static final Settings DEFAULTS = new Settings(42, 1000, 0.3, Duration.ofMinutes(3), 0);

    private static List<PlannedJob> jobs(Settings settings, int count) {
        MarketplaceGenerator generator = new MarketplaceGenerator(settings);
        List<PlannedJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(generator.next(1_700_000_000_000L + i * 200L));
        }
        return jobs;
    }

    @Test
    void theSameSettingsGiveTheSameJobs() {
        assertThat(jobs(DEFAULTS, 50)).isEqualTo(jobs(DEFAULTS, 50));
        assertThat(jobs(DEFAULTS, 50)).isNotEqualTo(jobs(new Settings(43, 1000, 0.3, Duration.ofMinutes(3), 0), 50));
    }

    @Test
    void eachJobHasOneJobAndOneOrderForTheSameIdWithinTheDelay() {
        List<PlannedJob> jobs = jobs(DEFAULTS, 500);
        assertThat(jobs).extracting(PlannedJob::jobId).doesNotHaveDuplicates().startsWith(1000L, 1001L, 1002L);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.job().jobId()).isEqualTo(j.jobId());
            assertThat(j.order().jobId()).isEqualTo(j.jobId());
            assertThat(j.job().jobStatus()).isEqualTo("Yet To Begin");
            assertThat(j.job().jobEndDate()).isGreaterThanOrEqualTo(j.job().jobStartDate());
            assertThat(Math.abs(j.orderPlacedAt() - j.jobCreatedAt())).isBetween(1_000L, 180_000L);
            assertThat(j.order().serviceOption()).isIn(Trade.ALL.stream().map(Trade::serviceOption).toList());
            assertThat(j.jobKeyed()).isTrue();
            assertThat(j.orderKeyed()).isTrue();
            assertThat(Topics.JOB_CREATED.keyOf(j.job())).isEqualTo(Long.toString(j.jobId()));
            assertThat(Topics.ORDER_PLACED.keyOf(j.order())).isEqualTo(Long.toString(j.jobId()));
        });
        // both orders happen: the order first and the job first
        assertThat(jobs).anyMatch(j -> j.orderPlacedAt() < j.jobCreatedAt()).anyMatch(j -> j.jobCreatedAt() < j.orderPlacedAt());
    }

    @Test
    void theIntendedStatusFollowsTheQuoteAndAboutTheConfiguredShareIsRejected() {
        List<PlannedJob> jobs = jobs(DEFAULTS, 1000);
        assertThat(jobs).allSatisfy(j -> assertThat(j.intendedStatus())
                .isEqualTo(j.order().priceQuoted() >= j.job().price() ? "ACCEPTED" : "REJECTED"));
        long rejected = jobs.stream().filter(j -> j.intendedStatus().equals("REJECTED")).count();
        assertThat(rejected).isBetween(250L, 350L);
        // the boundary case the rule must accept is part of the mix
        assertThat(jobs).anyMatch(j -> j.order().priceQuoted() == j.job().price());
        assertThat(jobs).allSatisfy(j -> assertThat(j.order().priceQuoted()).isPositive());
    }

    @Test
    void theShareOfRejectedQuotesIsConfigurable() {
        assertThat(jobs(new Settings(1, 1, 0, Duration.ofMinutes(3), 0), 200)).allMatch(j -> j.intendedStatus().equals("ACCEPTED"));
        assertThat(jobs(new Settings(1, 1, 1, Duration.ofMinutes(3), 0), 200)).allMatch(j -> j.intendedStatus().equals("REJECTED"));
    }

    @Test
    void intendedStatusesAreWhatTheGeneratorProduces() {
        Map<Long, String> intended = MarketplaceGenerator.intendedStatuses(DEFAULTS, 300);
        assertThat(intended).hasSize(300);
        jobs(DEFAULTS, 300).forEach(j -> assertThat(intended).containsEntry(j.jobId(), j.intendedStatus()));
    }

    @Test
    void aShareOfRecordsCanBeSentWithoutKeys() {
        List<PlannedJob> jobs = jobs(new Settings(42, 1, 0.3, Duration.ofMinutes(3), 0.5), 400);
        long nullKeys = jobs.stream().filter(j -> !j.jobKeyed()).count() + jobs.stream().filter(j -> !j.orderKeyed()).count();
        assertThat(nullKeys).isBetween(300L, 500L);
    }

    @Test
    void settingsOutsideTheirRangeAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new Settings(1, 1, 1.5, Duration.ofMinutes(3), 0)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new Settings(1, 1, 0.3, Duration.ofHours(2), 0)).hasMessageContaining("within an hour");
    }
}
