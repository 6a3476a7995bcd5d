package io.streammesh.mongosink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streammesh.common.runtime.RecordCounters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code /metrics} shows about the sink, as {@code mongosink_*}, labelled {@code application_id}:
 * <ul>
 *   <li>{@code records_written_total{collection,operation}}: records whose write MongoDB acknowledged and
 *       whose offsets were committed (several records of one job in a batch are one write);</li>
 *   <li>{@code writes_total{collection,operation}}: operations in acknowledged bulk writes;</li>
 *   <li>{@code batches_total}, {@code batch_write_seconds}: acknowledged bulk writes and their latency;</li>
 *   <li>{@code commits_total}: offset commits, each after its batch was acknowledged;</li>
 *   <li>{@code retries_total}: failed write attempts (each followed by a back-off);</li>
 *   <li>{@code paused}: 1 while partitions are paused waiting for MongoDB;</li>
 *   <li>{@code consumer_lag}: records in the assigned partitions not yet read.</li>
 * </ul>
 * Dead-lettered records are counted as {@code streammesh_records_dropped_total{application_id,reason="dlq.<stage>"}},
 * like in every other service.
 */
public final class SinkMetrics {

    /** The label every counter of the suite carries: the sink's group.id, which is its application id. */
    private static final String APPLICATION_ID = "application_id";

    private final MeterRegistry registry;
    private final String applicationId;
    private final Counter retries;
    private final Counter batches;
    private final Counter commits;
    private final Timer batchWrite;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();

    public SinkMetrics(MeterRegistry registry, String applicationId) {
        this.registry = registry;
        this.applicationId = applicationId;
        this.retries = Counter.builder("mongosink.retries").description("Failed MongoDB write attempts, each followed by a back-off")
                .tag(APPLICATION_ID, applicationId).register(registry);
        this.batches = Counter.builder("mongosink.batches").description("Bulk writes MongoDB acknowledged")
                .tag(APPLICATION_ID, applicationId).register(registry);
        this.commits = Counter.builder("mongosink.commits").description("Offset commits, each after MongoDB acknowledged its batch")
                .tag(APPLICATION_ID, applicationId).register(registry);
        this.batchWrite = Timer.builder("mongosink.batch.write").description("Time of one acknowledged bulk write")
                .tag(APPLICATION_ID, applicationId).register(registry);
        Gauge.builder("mongosink.consumer.lag", lag, AtomicLong::get)
                .description("Records in the assigned partitions not read yet").tag(APPLICATION_ID, applicationId).register(registry);
        Gauge.builder("mongosink.paused", paused, AtomicLong::get)
                .description("1 while the partitions are paused because MongoDB does not acknowledge writes")
                .tag(APPLICATION_ID, applicationId).register(registry);
        for (String stage : new String[] {"deserialization", "production"}) {
            String reason = "dlq." + stage;
            FunctionCounter.builder("streammesh.records.dropped", this, m -> RecordCounters.count(applicationId, reason))
                    .description("Records not passed on, by reason (dead-lettered or filtered by a rule of the spec)")
                    .tag(APPLICATION_ID, applicationId).tag("reason", reason).register(registry);
        }
    }

    /** For tests of the loop alone. */
    public static SinkMetrics unregistered(String applicationId) {
        return new SinkMetrics(new SimpleMeterRegistry(), applicationId);
    }

    void written(String collection, String operation, int records) {
        Counter.builder("mongosink.records.written").description("Records MongoDB acknowledged, offsets committed")
                .tag(APPLICATION_ID, applicationId).tag("collection", collection).tag("operation", operation)
                .register(registry).increment(records);
    }

    void writes(String collection, String operation, int writes) {
        Counter.builder("mongosink.writes").description("Operations in acknowledged bulk writes")
                .tag(APPLICATION_ID, applicationId).tag("collection", collection).tag("operation", operation)
                .register(registry).increment(writes);
    }

    void batch(Duration took) {
        batches.increment();
        batchWrite.record(took);
    }

    void committed() {
        commits.increment();
    }

    void retry() {
        retries.increment();
    }

    void lag(long records) {
        lag.set(records);
    }

    void paused(boolean isPaused) {
        paused.set(isPaused ? 1 : 0);
    }

    public long recordsWritten() {
        return (long) registry.find("mongosink.records.written").counters().stream().mapToDouble(Counter::count).sum();
    }

    public long retries() {
        return (long) retries.count();
    }

    public long batches() {
        return (long) batches.count();
    }

    public long commits() {
        return (long) commits.count();
    }

    public long lag() {
        return lag.get();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
