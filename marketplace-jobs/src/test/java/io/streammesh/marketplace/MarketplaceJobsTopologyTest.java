package io.streammesh.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.contracts.marketplace.QuoteDecision;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarketplaceJobsTopologyTest {

    static final String ORDERS = Topics.ORDER_PLACED.name();
    static final String JOBS = Topics.JOB_CREATED.name();
    static final String STATUS = Topics.JOB_STATUS.name();
    static final long T = 1_700_000_000_000L;
    static final long MIN = 60_000L;

    private final ServiceTestDriver driver = ServiceTestDriver.of(new MarketplaceJobsTopology());

    @AfterEach
    void close() {
        driver.close();
    }

    static String job(long jobId, long price) {
        return "{\"job_id\":" + jobId + ",\"job_start_date\":\"2025-03-01\",\"job_end_date\":\"2025-03-02\",\"price\":" + price
                + ",\"job_status\":\"Yet To Begin\"}";
    }

    static String order(long jobId, String customer, long priceQuoted) {
        return "{\"job_id\":" + jobId + ",\"customer_id\":\"" + customer + "\",\"service_option\":\"Plumbing\","
                + "\"contractor_id\":\"k-9\",\"location\":\"Newtown\",\"price_quoted\":" + priceQuoted + "}";
    }

    private List<JobStatus> statuses() {
        return driver.drain(STATUS).stream().map(o -> o.valueAs(JobStatus.class)).toList();
    }

    @Test
    void jobBeforeOrderJoinsIntoOneStatusKeyedByJobId() {
        driver.pipeJson(JOBS, "42", job(42, 100), T);
        assertThat(driver.drain()).isEmpty();
        driver.pipeJson(ORDERS, "42", order(42, "c-1", 120), T + 10 * MIN);

        List<Output> out = driver.drain();
        assertThat(out).extracting(Output::topic, Output::key, Output::value, Output::timestamp).containsExactly(
                tuple(STATUS, "42", "{\"job_id\":42,\"customer_id\":\"c-1\",\"service_option\":\"Plumbing\",\"price\":100,"
                        + "\"price_quoted\":120,\"current_status\":\"ACCEPTED\"}", T + 10 * MIN));
    }

    @Test
    void orderBeforeJobJoinsToo() {
        driver.pipeJson(ORDERS, "42", order(42, "c-1", 80), T);
        assertThat(driver.drain()).isEmpty();
        driver.pipeJson(JOBS, "42", job(42, 100), T + 30 * MIN);

        assertThat(statuses()).containsExactly(new JobStatus(42, "c-1", "Plumbing", 100, 80, QuoteDecision.REJECTED));
    }

    @Test
    void recordsAtMostAnHourApartJoinAndFartherApartDoNot() {
        driver.pipeJson(JOBS, "1", job(1, 100), T);
        driver.pipeJson(JOBS, "2", job(2, 100), T);
        driver.pipeJson(JOBS, "3", job(3, 100), T);
        driver.pipeJson(ORDERS, "1", order(1, "c-59", 100), T + 59 * MIN);
        driver.pipeJson(ORDERS, "2", order(2, "c-60", 100), T + 60 * MIN);
        driver.pipeJson(ORDERS, "3", order(3, "c-61", 100), T + 61 * MIN);

        assertThat(statuses()).extracting(JobStatus::customerId).containsExactly("c-59", "c-60");
    }

    @Test
    void orderAnHourAndAMinuteBeforeItsJobDoesNotJoin() {
        driver.pipeJson(ORDERS, "1", order(1, "c-early", 100), T);
        driver.pipeJson(JOBS, "1", job(1, 100), T + 61 * MIN);
        driver.pipeJson(ORDERS, "2", order(2, "c-in-time", 100), T + 2 * MIN);
        driver.pipeJson(JOBS, "2", job(2, 100), T + 61 * MIN);

        assertThat(statuses()).extracting(JobStatus::customerId).containsExactly("c-in-time");
    }

    @Test
    void lateOrderWithinGraceStillJoins() {
        driver.pipeJson(JOBS, "1", job(1, 100), T);
        // another job moves stream time to +67m; the order at +2m has a window ending at +62m, + 5m grace
        driver.pipeJson(JOBS, "2", job(2, 100), T + 67 * MIN);
        driver.pipeJson(ORDERS, "1", order(1, "c-late", 100), T + 2 * MIN);

        assertThat(statuses()).extracting(JobStatus::customerId).containsExactly("c-late");
    }

    @Test
    void lateOrderBeyondGraceIsCountedNotJoined() {
        long before = RecordCounters.count("marketplace-jobs", "late");
        driver.pipeJson(JOBS, "1", job(1, 100), T);
        driver.pipeJson(JOBS, "2", job(2, 100), T + 68 * MIN);
        driver.pipeJson(ORDERS, "1", order(1, "c-too-late", 100), T + 2 * MIN);

        assertThat(driver.drain()).isEmpty();
        assertThat(RecordCounters.count("marketplace-jobs", "late")).isEqualTo(before + 1);
    }

    @Test
    void lateJobBeyondGraceIsNotJoinedEither() {
        driver.pipeJson(ORDERS, "1", order(1, "c-1", 100), T + 2 * MIN);
        // the job at T has a window ending at +60m: stream time +66m is past its grace
        driver.pipeJson(ORDERS, "2", order(2, "c-2", 100), T + 66 * MIN);
        driver.pipeJson(JOBS, "1", job(1, 100), T);

        assertThat(driver.drain()).isEmpty();
    }

    @Test
    void graceIsConfigurable() {
        ServiceConfig config = ServiceConfig.empty().with(MarketplaceJobsTopology.JOIN_GRACE, "30m");
        try (ServiceTestDriver lenient = ServiceTestDriver.of(new MarketplaceJobsTopology(), config)) {
            lenient.pipeJson(JOBS, "1", job(1, 100), T);
            lenient.pipeJson(JOBS, "2", job(2, 100), T + 90 * MIN);
            lenient.pipeJson(ORDERS, "1", order(1, "c-late", 100), T + 2 * MIN);
            lenient.pipeJson(JOBS, "3", job(3, 100), T + 93 * MIN);
            lenient.pipeJson(ORDERS, "3", order(3, "c-far", 100), T);

            assertThat(lenient.drain(STATUS)).extracting(o -> o.valueAs(JobStatus.class).customerId()).containsExactly("c-late");
        }
    }

    @Test
    void quoteEqualToThePriceIsAcceptedAndBelowItIsRejected() {
        driver.pipeJson(JOBS, "1", job(1, 250), T);
        driver.pipeJson(ORDERS, "1", order(1, "c-equal", 250), T + MIN);
        driver.pipeJson(JOBS, "2", job(2, 250), T);
        driver.pipeJson(ORDERS, "2", order(2, "c-below", 249), T + MIN);
        driver.pipeJson(JOBS, "3", job(3, 250), T);
        driver.pipeJson(ORDERS, "3", order(3, "c-above", 900), T + MIN);

        assertThat(statuses()).extracting(JobStatus::customerId, JobStatus::price, JobStatus::priceQuoted, JobStatus::currentStatus)
                .containsExactly(
                        tuple("c-equal", 250L, 250L, QuoteDecision.ACCEPTED),
                        tuple("c-below", 250L, 249L, QuoteDecision.REJECTED),
                        tuple("c-above", 250L, 900L, QuoteDecision.ACCEPTED));
    }

    @Test
    void twoOrdersForOneJobGiveTwoResults() {
        driver.pipeJson(JOBS, "7", job(7, 100), T);
        driver.pipeJson(ORDERS, "7", order(7, "c-a", 90), T + MIN);
        driver.pipeJson(ORDERS, "7", order(7, "c-b", 110), T + 2 * MIN);

        assertThat(statuses()).extracting(JobStatus::customerId, JobStatus::currentStatus)
                .containsExactly(tuple("c-a", QuoteDecision.REJECTED), tuple("c-b", QuoteDecision.ACCEPTED));
    }

    @Test
    void twoJobRecordsForOneOrderGiveTwoResultsToo() {
        driver.pipeJson(ORDERS, "7", order(7, "c-a", 100), T);
        driver.pipeJson(JOBS, "7", job(7, 90), T + MIN);
        driver.pipeJson(JOBS, "7", job(7, 110), T + 2 * MIN);

        assertThat(statuses()).extracting(JobStatus::price, JobStatus::currentStatus)
                .containsExactly(tuple(90L, QuoteDecision.ACCEPTED), tuple(110L, QuoteDecision.REJECTED));
    }

    @Test
    void nullKeysAndForeignKeysAreReKeyedFromTheValue() {
        driver.pipeJson(JOBS, null, job(42, 100), T);
        driver.pipeJson(ORDERS, "order-9001", order(42, "c-1", 100), T + MIN);
        driver.pipeJson(JOBS, "43", job(43, 100), T);
        driver.pipeJson(ORDERS, null, order(43, "c-2", 99), T + MIN);

        List<Output> out = driver.drain(STATUS);
        assertThat(out).extracting(Output::key, o -> o.valueAs(JobStatus.class).customerId())
                .containsExactlyInAnyOrder(tuple("42", "c-1"), tuple("43", "c-2"));
    }

    @Test
    void onlyRecordsNotKeyedByTheirJobIdAreRepartitionedAndCounted() {
        long before = RecordCounters.rerouted("marketplace-jobs", ORDERS);
        driver.pipeJson(JOBS, "42", job(42, 100), T);
        driver.pipeJson(ORDERS, "42", order(42, "c-1", 100), T + MIN);
        assertThat(driver.drain(STATUS)).hasSize(1);
        assertThat(driver.driver().producedTopicNames()).noneMatch(t -> t.endsWith("-repartition"));
        assertThat(RecordCounters.rerouted("marketplace-jobs", ORDERS)).isEqualTo(before);

        driver.pipeJson(ORDERS, null, order(42, "c-2", 100), T + 2 * MIN);
        assertThat(driver.drain(STATUS)).hasSize(1);
        assertThat(driver.driver().producedTopicNames()).filteredOn(t -> t.endsWith("-repartition"))
                .containsExactly("marketplace-jobs-order-placed-rekeyed-repartition");
        assertThat(RecordCounters.rerouted("marketplace-jobs", ORDERS)).isEqualTo(before + 1);
    }

    @Test
    void aRecordOnAnotherPartitionThanItsKeysIsReRoutedCountedAndStillJoins() {
        // TopologyTestDriver delivers everything on partition 0; with 6 partitions, murmur2 puts "42" elsewhere
        assertThat(Keys.partitionFor("42", 6)).isNotZero();
        assertThat(Keys.partitionFor("43", 6)).isZero();
        ServiceConfig sixPartitions = ServiceConfig.empty().withInputPartitions(Map.of(ORDERS, 6, JOBS, 6));
        long before = RecordCounters.rerouted("marketplace-jobs", ORDERS);
        try (ServiceTestDriver misplaced = ServiceTestDriver.of(new MarketplaceJobsTopology(), sixPartitions)) {
            misplaced.pipeJson(JOBS, "43", job(43, 100), T);
            misplaced.pipeJson(ORDERS, "43", order(43, "c-in-place", 100), T + MIN);
            assertThat(RecordCounters.rerouted("marketplace-jobs", ORDERS)).as("partition 0 is where 43 belongs").isEqualTo(before);

            misplaced.pipeJson(JOBS, "42", job(42, 100), T);
            misplaced.pipeJson(ORDERS, "42", order(42, "c-misplaced", 100), T + MIN);

            assertThat(RecordCounters.rerouted("marketplace-jobs", ORDERS)).isEqualTo(before + 1);
            assertThat(misplaced.driver().producedTopicNames())
                    .contains("marketplace-jobs-order-placed-rekeyed-repartition", "marketplace-jobs-job-created-rekeyed-repartition");
            assertThat(misplaced.drain(STATUS)).extracting(Output::key, o -> o.valueAs(JobStatus.class).customerId())
                    .containsExactly(tuple("43", "c-in-place"), tuple("42", "c-misplaced"));
        }
    }

    @Test
    void statesAndInternalTopicsHaveStableNames() {
        String description = new MarketplaceJobsTopology().build(ServiceConfig.empty()).describe().toString();
        assertThat(description)
                .contains("order-job-join-this-join-store", "order-job-join-other-join-store",
                        "order-placed-rekeyed-repartition", "job-created-rekeyed-repartition")
                .doesNotContain("KSTREAM-", "KTABLE-");
    }

    @Test
    void upperCaseFieldNamesOfTheOriginalDemoWork() {
        driver.pipeJson(JOBS, "5", "{\"JOB_ID\":5,\"JOB_START_DATE\":\"2025-01-01\",\"PRICE\":300,\"JOB_STATUS\":\"Yet To Begin\"}", T);
        driver.pipeJson(ORDERS, "5", "{\"JOB_ID\":\"5\",\"CUSTOMER_ID\":\"c-9\",\"SERVICE_OPTION\":\"Roofing\",\"PRICE_QUOTED\":\"300\"}", T + MIN);

        assertThat(statuses()).containsExactly(new JobStatus(5, "c-9", "Roofing", 300, 300, QuoteDecision.ACCEPTED));
    }

    @Test
    void recordsMissingJoinOrRuleFieldsGoToTheDeadLetterTopic() {
        driver.pipeJson(JOBS, "1", "{\"price\":100}", T);
        driver.pipeJson(JOBS, "2", "{\"job_id\":2}", T);
        driver.pipeJson(ORDERS, "3", "{\"customer_id\":\"c\",\"price_quoted\":100}", T);
        driver.pipeJson(ORDERS, "4", "{\"job_id\":4,\"customer_id\":\"c\"}", T);
        driver.pipeJson(ORDERS, "5", "{not json", T);
        driver.pipeJson(ORDERS, "6", "{\"job_id\":\"six\",\"price_quoted\":1}", T);
        driver.pipeJson(JOBS, "7", null, T);

        List<Output> out = driver.drain();
        assertThat(out).allSatisfy(o -> assertThat(o.topic()).isEqualTo("marketplace-jobs.dlq"));
        assertThat(out).extracting(Output::key).containsExactly("1", "2", "3", "4", "5", "6", "7");
        Map<String, String> reasons = new java.util.TreeMap<>();
        out.forEach(o -> reasons.put(o.key(), o.headers().get(DeadLetters.MESSAGE)));
        assertThat(reasons.get("1")).contains("job_id is missing");
        assertThat(reasons.get("2")).contains("price is missing");
        assertThat(reasons.get("3")).contains("job_id is missing");
        assertThat(reasons.get("4")).contains("price_quoted is missing");
        assertThat(reasons.get("7")).contains("tombstone");
        assertThat(out.get(0).value()).isEqualTo("{\"price\":100}");
        assertThat(out.get(0).headers()).containsEntry(DeadLetters.TOPIC, JOBS);
        assertThat(out.get(6).headers()).containsEntry(DeadLetters.STAGE, "processing");
    }

    @Test
    void badRecordsDoNotStopGoodOnes() {
        driver.pipeJson(JOBS, "1", job(1, 100), T);
        driver.pipeJson(ORDERS, "1", "{\"job_id\":1}", T + MIN);
        driver.pipeJson(ORDERS, "1", order(1, "c-ok", 100), T + 2 * MIN);

        assertThat(driver.drain()).extracting(Output::topic).containsExactly("marketplace-jobs.dlq", STATUS);
    }
}
