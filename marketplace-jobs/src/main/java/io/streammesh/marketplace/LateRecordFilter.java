package io.streammesh.marketplace;

import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.Topic;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Enforces the join's grace period: a record whose join window closed more than {@code grace} ago (by
 * stream time) is counted as dropped ({@code late}) instead of joined.
 *
 * <p>Kafka Streams' inner stream-stream join only forgets records when their window-store segment
 * expires, and segments are coarse (about half the retention), so without this a record up to an
 * hour later than the grace period allows could still join. The spec says grace, so grace it is.
 */
final class LateRecordFilter<V> implements FixedKeyProcessorSupplier<String, V, V> {

    private final Topic<V> input;
    private final Duration within;
    private final Duration grace;

    /** For records of {@code input}, already keyed by their job id. */
    LateRecordFilter(Topic<V> input, Duration within, Duration grace) {
        this.input = input;
        this.within = within;
        this.grace = grace;
    }

    /**
     * A record at {@code timestamp} can join partners up to {@code timestamp + within}; that window
     * closes for good once stream time passes its end plus the grace period.
     */
    static boolean isLate(long timestamp, long streamTime, Duration within, Duration grace) {
        return timestamp + within.toMillis() + grace.toMillis() < streamTime;
    }

    @Override
    public FixedKeyProcessor<String, V, V> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, V> context;

            @Override
            public void init(FixedKeyProcessorContext<String, V> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<String, V> record) {
                long streamTime = context.currentStreamTimeMs();
                if (isLate(record.timestamp(), streamTime, within, grace)) {
                    RecordCounters.dropped(context.applicationId(), "late", input.name() + " job_id=" + record.key()
                            + " arrived " + Duration.ofMillis(streamTime - record.timestamp() - within.toMillis())
                            + " after its join window closed (grace " + grace + ")");
                    return;
                }
                context.forward(record);
            }
        };
    }
}
