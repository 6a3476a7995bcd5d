package io.streammesh.producers;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streammesh.common.runtime.HttpEndpoint;
import io.streammesh.common.runtime.HttpRoute;
import io.streammesh.contracts.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generator running: where its records go, its metrics ({@code /metrics}, Prometheus) and health
 * ({@code /health}, {@code /health/live}, {@code /health/ready}: up while the sink can send) on its HTTP
 * port, and a one-line summary logged periodically. Closing it stops the summary and the endpoint and
 * closes the sink, which flushes what was sent.
 *
 * <p>Metrics of every generator: {@code streammesh_producer_records_sent_total{producer,topic}} and the
 * JVM's; a generator adds its own to {@link #registry()} (the gbfs source: its feeds' health).
 */
public final class GeneratorRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratorRun.class);

    private final String name;
    private final RecordSink sink;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private final HttpEndpoint http;
    private final ScheduledExecutorService timer;
    private final List<Supplier<String>> details = new CopyOnWriteArrayList<>();
    private long lastTotal;
    private long lastNanos = System.nanoTime();

    private GeneratorRun(String name, RecordSink sink, List<Topic<?>> topics, int httpPort, Duration summaryEvery) {
        this.name = name;
        this.sink = sink;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        for (Topic<?> topic : topics) {
            FunctionCounter.builder("streammesh.producer.records.sent", sink, s -> s.counts().getOrDefault(topic.name(), 0L))
                    .description("Records this generator sent, by topic")
                    .tag("producer", name).tag("topic", topic.name()).register(registry);
        }
        this.http = HttpEndpoint.start("producers-" + name, httpPort, this::health, registry::scrape);
        LOG.info("{}: /metrics and /health on http://localhost:{}/", name, http.port());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-summary");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, summaryEvery.toMillis());
        timer.scheduleAtFixedRate(() -> LOG.info("{}", summary()), every, every, TimeUnit.MILLISECONDS);
    }

    static GeneratorRun start(String name, RecordSink sink, List<Topic<?>> topics, int httpPort, Duration summaryEvery) {
        try {
            return new GeneratorRun(name, sink, topics, httpPort, summaryEvery);
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    public RecordSink sink() {
        return sink;
    }

    /** Where a generator registers its own meters; served on {@code /metrics}. */
    public MeterRegistry registry() {
        return registry;
    }

    public int httpPort() {
        return http.port();
    }

    /** Serves a generator's own route beside {@code /metrics} and {@code /health}. */
    public void route(String path, HttpRoute.Handler handler) {
        http.route(path, handler);
    }

    /** Adds a part to the summary line (the gbfs source: one fact per feed). */
    public void summarise(Supplier<String> detail) {
        details.add(detail);
    }

    /** "name: N records (R/s) {topic=count ...}" and the generator's own parts, since the previous summary. */
    synchronized String summary() {
        Map<String, Long> counts = sink.counts();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long now = System.nanoTime();
        double rate = (total - lastTotal) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastTotal = total;
        lastNanos = now;
        StringBuilder line = new StringBuilder(name).append(": ").append(total).append(" records (")
                .append(String.format(java.util.Locale.ROOT, "%.1f", rate)).append(" /s) ").append(counts);
        details.forEach(d -> line.append("; ").append(d.get()));
        return line.toString();
    }

    private HttpEndpoint.Health health() {
        String failure = sink.failure();
        if (failure != null) {
            return new HttpEndpoint.Health(false, false, "FAILED");
        }
        return new HttpEndpoint.Health(true, "RUNNING");
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            sink.close();
        } finally {
            http.close();
            gcMetrics.close();
            registry.close();
        }
    }
}
