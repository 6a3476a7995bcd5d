package io.streammesh.common.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite's record counters, each labelled by the application.id of the process that counted:
 * <ul>
 *   <li>{@code streammesh_records_dropped_total{application_id,reason}}: records a service
 *       deliberately does not pass on (spec: "nothing is dropped silently"): a status for an unknown
 *       station, a truck for an unknown job, a record sent to the dead-letter topic
 *       ({@code dlq.<stage>}). Logged at WARN the first time and then every {@value #LOG_EVERY}th
 *       time, so a flood of bad input does not become a flood of logs;</li>
 *   <li>{@code streammesh_records_rerouted_total{application_id,topic,reason}}: input records the
 *       key rule sent through a repartition topic because they were not where a join needs them
 *       (see {@code io.streammesh.common.streams.Keys}).</li>
 * </ul>
 *
 * <p>Static because Kafka Streams instantiates exception handlers and DSL lambdas run without a
 * handle on the runtime; keyed by application.id so several services can share one JVM (the demo).
 */
public final class RecordCounters {

    static final long LOG_EVERY = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RecordCounters.class);
    private static final String DROPPED = "streammesh.records.dropped";
    private static final String REROUTED = "streammesh.records.rerouted";
    private static final Map<Key, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final List<MeterRegistry> REGISTRIES = new CopyOnWriteArrayList<>();

    /** One counter: its metric, the application, the input topic (rerouted only) and the reason. */
    private record Key(String metric, String applicationId, String topic, String reason) {
    }

    private RecordCounters() {
    }

    /** Counts one dropped record of {@code applicationId} and logs it (rate-limited). Returns the new count. */
    public static long dropped(String applicationId, String reason, Object detail) {
        long n = counter(new Key(DROPPED, applicationId, null, reason)).incrementAndGet();
        if (n == 1 || n % LOG_EVERY == 0) {
            LOG.warn("{}: dropped a record ({}), {} so far{}", applicationId, reason, n, detail == null ? "" : ": " + detail);
        }
        return n;
    }

    /** Counts one input record of {@code topic} that the key rule re-routed; returns the new count (the caller logs). */
    public static long rerouted(String applicationId, String topic, String reason) {
        return counter(new Key(REROUTED, applicationId, topic, reason)).incrementAndGet();
    }

    public static long count(String applicationId, String reason) {
        AtomicLong c = COUNTS.get(new Key(DROPPED, applicationId, null, reason));
        return c == null ? 0 : c.get();
    }

    /** All drop counts of one application, by reason. */
    public static Map<String, Long> counts(String applicationId) {
        return collect(DROPPED, applicationId, Key::reason);
    }

    /** Re-routed records of one application, by input topic (all reasons). */
    public static Map<String, Long> rerouted(String applicationId) {
        return collect(REROUTED, applicationId, Key::topic);
    }

    public static long rerouted(String applicationId, String topic) {
        return rerouted(applicationId).getOrDefault(topic, 0L);
    }

    private static Map<String, Long> collect(String metric, String applicationId, java.util.function.Function<Key, String> by) {
        Map<String, Long> result = new TreeMap<>();
        COUNTS.forEach((k, v) -> {
            if (k.metric().equals(metric) && k.applicationId().equals(applicationId)) {
                result.merge(by.apply(k), v.get(), Long::sum);
            }
        });
        return result;
    }

    static void bindTo(MeterRegistry registry) {
        REGISTRIES.add(registry);
        COUNTS.forEach((k, v) -> register(registry, k, v));
    }

    static void unbind(MeterRegistry registry) {
        REGISTRIES.remove(registry);
    }

    private static AtomicLong counter(Key key) {
        AtomicLong existing = COUNTS.get(key);
        if (existing != null) {
            return existing;
        }
        AtomicLong created = new AtomicLong();
        AtomicLong raced = COUNTS.putIfAbsent(key, created);
        if (raced != null) {
            return raced;
        }
        REGISTRIES.forEach(r -> register(r, key, created));
        return created;
    }

    private static void register(MeterRegistry registry, Key key, AtomicLong value) {
        FunctionCounter.Builder<AtomicLong> builder = FunctionCounter.builder(key.metric(), value, AtomicLong::get)
                .tag("application_id", key.applicationId())
                .tag("reason", key.reason());
        if (key.metric().equals(DROPPED)) {
            builder.description("Records not passed on, by reason (dead-lettered or filtered by a rule of the spec)");
        } else {
            builder.description("Input records sent through a repartition topic before a join or table, by input topic and reason")
                    .tag("topic", key.topic());
        }
        builder.register(registry);
    }
}
