package io.streammesh.common.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the records a service deliberately does not pass on (spec: "nothing is dropped silently"):
 * a status for an unknown station, a truck for an unknown job, a record sent to the dead-letter
 * topic. Each count is exported on {@code /metrics} as
 * {@code streammesh_records_dropped_total{service,reason}} and logged at WARN, the first time and
 * then every {@value #LOG_EVERY}th time, so a flood of bad input does not become a flood of logs.
 *
 * <p>Static because Kafka Streams instantiates exception handlers and DSL lambdas run without a
 * handle on the runtime; keyed by service so several services can share one JVM (the local demo).
 */
public final class RecordCounters {

    static final long LOG_EVERY = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RecordCounters.class);
    private static final Map<Key, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final List<MeterRegistry> REGISTRIES = new CopyOnWriteArrayList<>();

    private record Key(String service, String reason) {
    }

    private RecordCounters() {
    }

    /** Counts one dropped record and logs it (rate-limited). Returns the new count. */
    public static long dropped(String service, String reason, Object detail) {
        long n = counter(service, reason).incrementAndGet();
        if (n == 1 || n % LOG_EVERY == 0) {
            LOG.warn("{}: dropped a record ({}), {} so far{}", service, reason, n, detail == null ? "" : ": " + detail);
        }
        return n;
    }

    public static long count(String service, String reason) {
        AtomicLong c = COUNTS.get(new Key(service, reason));
        return c == null ? 0 : c.get();
    }

    /** All counts of one service, by reason. */
    public static Map<String, Long> counts(String service) {
        Map<String, Long> result = new java.util.TreeMap<>();
        COUNTS.forEach((k, v) -> {
            if (k.service().equals(service)) {
                result.put(k.reason(), v.get());
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

    private static AtomicLong counter(String service, String reason) {
        Key key = new Key(service, reason);
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
        FunctionCounter.builder("streammesh.records.dropped", value, AtomicLong::get)
                .description("Records not passed on, by reason (dead-lettered or filtered by a rule of the spec)")
                .tag("service", key.service())
                .tag("reason", key.reason())
                .register(registry);
    }
}
