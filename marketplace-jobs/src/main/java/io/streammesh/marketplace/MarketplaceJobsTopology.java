package io.streammesh.marketplace;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.common.runtime.SettingSpec;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import io.streammesh.marketplace.model.JobCreated;
import io.streammesh.marketplace.model.JobStatus;
import io.streammesh.marketplace.model.OrderPlaced;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;

/**
 * marketplace-jobs: {@code job_status} is the inner join of {@code order_placed} and
 * {@code job_created} on job_id, for records at most one hour apart, one result per matching pair
 * (spec, "Service marketplace").
 *
 * <p>Improvement over the original statement: its join had no GRACE PERIOD, which in ksqlDB means
 * 22 hours of grace and of window state; here grace is {@code join.grace} (default 5 minutes), so
 * the join keeps about 2 h 5 min of state, and a record later than that is counted ({@code late})
 * and not joined ({@link LateRecordFilter}).
 */
public final class MarketplaceJobsTopology implements StreamService {

    public static final String JOIN_GRACE = "join.grace";
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);
    /** The original's {@code WITHIN 1 HOURS}: the two records' timestamps at most this far apart, either order. */
    public static final Duration WITHIN = Duration.ofHours(1);
    /** Stores {@code order-job-join-this-join-store} / {@code -other-join-store}, and their changelogs. */
    public static final String JOIN_STORE = "order-job-join";

    private static final JsonSerde<OrderPlaced> ORDER = JsonSerde.of(OrderPlaced.class);
    private static final JsonSerde<JobCreated> JOB = JsonSerde.of(JobCreated.class);
    private static final JsonSerde<JobStatus> STATUS = JsonSerde.of(JobStatus.class);

    @Override
    public String name() {
        return "marketplace-jobs";
    }

    @Override
    public String description() {
        return "job_status: orders joined to their jobs within one hour, ACCEPTED when the quote covers the price";
    }

    @Override
    public List<SettingSpec> settings() {
        return List.of(new SettingSpec(JOIN_GRACE, "5m",
                "how late (by record time) an order or a job may still join; also bounds the join's state (1h + grace each side)"));
    }

    @Override
    public Topology build(ServiceConfig config) {
        Duration grace = config.durationSetting(JOIN_GRACE, DEFAULT_GRACE);
        StreamsBuilder builder = new StreamsBuilder();

        String applicationId = config.kafka().getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, name());

        KStream<String, OrderPlaced> orders = JobKeys.byJobId(
                        builder.stream(Topics.ORDER_PLACED.name(), Consumed.with(Serdes.String(), ORDER).withName("order-placed")),
                        OrderPlaced::jobId, ORDER, "order-placed")
                .processValues(new LateRecordFilter<>(applicationId, Topics.ORDER_PLACED.name(), WITHIN, grace, OrderPlaced::jobId),
                        Named.as("order-placed-within-grace"));
        KStream<String, JobCreated> jobs = JobKeys.byJobId(
                        builder.stream(Topics.JOB_CREATED.name(), Consumed.with(Serdes.String(), JOB).withName("job-created")),
                        JobCreated::jobId, JOB, "job-created")
                .processValues(new LateRecordFilter<>(applicationId, Topics.JOB_CREATED.name(), WITHIN, grace, JobCreated::jobId),
                        Named.as("job-created-within-grace"));

        orders.join(jobs, JobStatus::of, JoinWindows.ofTimeDifferenceAndGrace(WITHIN, grace),
                        StreamJoined.with(Serdes.String(), ORDER, JOB).withName(JOIN_STORE).withStoreName(JOIN_STORE))
                .to(Topics.JOB_STATUS.name(), Produced.with(Serdes.String(), STATUS).withName("job-status"));
        return builder.build();
    }
}
