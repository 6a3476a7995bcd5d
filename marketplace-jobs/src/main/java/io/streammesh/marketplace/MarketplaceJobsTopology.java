package io.streammesh.marketplace;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Setting;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;

/**
 * marketplace-jobs: {@code job_status} is the inner join of {@code order_placed} and
 * {@code job_created} on job_id, for records at most one hour apart, one result per matching pair
 * (spec, "Service marketplace"). Both inputs are keyed by the suite's key rule ({@link Keys}).
 *
 * <p>Improvement over the original statement: its join had no GRACE PERIOD, which in ksqlDB means
 * 22 hours of grace and of window state; here grace is {@link #JOIN_GRACE} (default 5 minutes), so
 * the join keeps about 2 h 5 min of state, and a record later than that is counted ({@code late})
 * and not joined ({@link LateRecordFilter}).
 */
public final class MarketplaceJobsTopology implements StreamService {

    public static final Setting<Duration> JOIN_GRACE = Setting.duration("join.grace", Duration.ofMinutes(5), "5m",
            "how late (by record time) an order or a job may still join; also bounds the join's state (1h + grace each side)");
    /** The original's {@code WITHIN 1 HOURS}: the two records' timestamps at most this far apart, either order. */
    public static final Duration WITHIN = Duration.ofHours(1);
    /** Stores {@code order-job-join-this-join-store} / {@code -other-join-store}, and their changelogs. */
    public static final String JOIN_STORE = "order-job-join";

    @Override
    public String name() {
        return "marketplace-jobs";
    }

    @Override
    public String description() {
        return "job_status: orders joined to their jobs within one hour, ACCEPTED when the quote covers the price";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(JOIN_GRACE);
    }

    @Override
    public Topology build(ServiceConfig config) {
        Duration grace = config.get(JOIN_GRACE);
        StreamsBuilder builder = new StreamsBuilder();
        joinable(builder, Topics.ORDER_PLACED, config, grace)
                .join(joinable(builder, Topics.JOB_CREATED, config, grace), new JobStatusJoiner(),
                        JoinWindows.ofTimeDifferenceAndGrace(WITHIN, grace),
                        StreamJoined.with(Serdes.String(), Topics.ORDER_PLACED.serde(), Topics.JOB_CREATED.serde())
                                .withName(JOIN_STORE).withStoreName(JOIN_STORE))
                .to(Topics.JOB_STATUS.name(), Produced.with(Serdes.String(), Topics.JOB_STATUS.serde()).withName("job-status"));
        return builder.build();
    }

    /** An input keyed by its job_id, without the records that arrive after their join window closed. */
    private static <V> KStream<String, V> joinable(StreamsBuilder builder, Topic<V> input, ServiceConfig config, Duration grace) {
        return Keys.stream(builder, input, config)
                .processValues(new LateRecordFilter<>(input, WITHIN, grace), Named.as(Keys.baseName(input) + "-within-grace"));
    }
}
