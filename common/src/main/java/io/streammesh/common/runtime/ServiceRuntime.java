package io.streammesh.common.runtime;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link StreamService}: builds its topology, checks the broker, creates missing topics,
 * starts Kafka Streams with the suite's defaults (exactly-once v2, dead-letter handlers), serves
 * {@code /health} and {@code /metrics}, and shuts down gracefully.
 *
 * <p>Settings read here (all services): {@code http.port} (default 8080, 0 = any free port),
 * {@code http.advertised.host} (default localhost; what other instances use to reach this one for
 * interactive queries), {@code create.topics} (default true), {@code topic.partitions} (default 6),
 * {@code topic.replication.factor} (default: the broker's), {@code startup.timeout} (default 30s),
 * {@code state.dir}.
 */
public final class ServiceRuntime implements AutoCloseable {

    public static final List<SettingSpec> COMMON_SETTINGS = List.of(
            new SettingSpec("http.port", "8080", "port of /health, /metrics and the service's own routes; 0 picks a free port"),
            new SettingSpec("http.advertised.host", "localhost", "host name other instances use to reach this one (application.server)"),
            new SettingSpec("create.topics", "true", "create missing input/output/dead-letter topics at start"),
            new SettingSpec("topic.partitions", "6", "partitions of topics this service creates"),
            new SettingSpec("topic.replication.factor", "broker default", "replication factor of topics this service creates"),
            new SettingSpec("startup.timeout", "30s", "how long to wait for the broker at start before giving up"),
            new SettingSpec("state.dir", "<tmp>/kafka-streams", "where Kafka Streams keeps local state (RocksDB)"));

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private final StreamService service;
    private final KafkaStreams streams;
    private final HttpEndpoint http;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final String applicationId;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private ServiceRuntime(StreamService service, KafkaStreams streams, HttpEndpoint http, PrometheusMeterRegistry registry,
                           KafkaStreamsMetrics streamsMetrics, String applicationId) {
        this.service = service;
        this.streams = streams;
        this.http = http;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.applicationId = applicationId;
    }

    /** The Kafka Streams properties the suite runs a service with; also used by the replay tool. */
    public static Properties streamsProperties(StreamService service, ServiceConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, service.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnDeserialization.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnProcessing.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.OnProduction.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        String stateDir = config.setting("state.dir", null);
        if (stateDir != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        props.putAll(service.streamsDefaults());
        props.putAll(config.kafka()); // the user's properties win over our defaults
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                Topics.deadLetter(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).name());
        return props;
    }

    public static ServiceRuntime start(StreamService service, ServiceConfig config) {
        Properties props = streamsProperties(service, config);
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Topology topology = service.build(config);
        LOG.info("{} ({}): topology\n{}", service.name(), applicationId, topology.describe());

        provisionTopics(config, applicationId, topology);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        RecordCounters.bindTo(registry);

        KafkaStreams[] holder = new KafkaStreams[1];
        HttpEndpoint http = HttpEndpoint.start(service.name(), config.intSetting("http.port", 8080),
                () -> health(holder[0]), registry::scrape);
        try {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                    config.setting("http.advertised.host", "localhost") + ":" + http.port());
            KafkaStreams streams = new KafkaStreams(topology, props);
            holder[0] = streams;
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            ServiceRuntime runtime = new ServiceRuntime(service, streams, http, registry, streamsMetrics, applicationId);
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("{}: a stream thread failed, replacing it: {}", service.name(), DeadLetters.describe(e), e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.setStateListener((now, before) -> {
                LOG.info("{}: {} -> {}", service.name(), before, now);
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    runtime.stopped.countDown();
                }
            });
            for (HttpRoute route : service.routes(streams, config)) {
                http.route(route.path(), route.handler());
            }
            streams.start();
            LOG.info("{} started: application.id={}, http://localhost:{}/health", service.name(), applicationId, http.port());
            return runtime;
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    private static void provisionTopics(ServiceConfig config, String applicationId, Topology topology) {
        List<String> topics = new ArrayList<>(TopologyTopics.of(topology).all());
        topics.add(Topics.deadLetter(applicationId).name());
        TopicProvisioner.provision(config, topics);
    }

    private static HttpEndpoint.Health health(KafkaStreams streams) {
        if (streams == null) {
            return new HttpEndpoint.Health(false, "STARTING");
        }
        KafkaStreams.State state = streams.state();
        boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
        return new HttpEndpoint.Health(live, state.isRunningOrRebalancing(), state.name());
    }

    public KafkaStreams streams() {
        return streams;
    }

    public int httpPort() {
        return http.port();
    }

    public String applicationId() {
        return applicationId;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Blocks until the streams stop (after {@link #close()}, or when Kafka Streams shuts down on its own). */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes Kafka Streams (committing what it processed), then the HTTP server. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("{}: shutting down", service.name());
        boolean clean = streams.close(timeout);
        if (!clean) {
            LOG.warn("{}: Kafka Streams did not stop within {} s", service.name(), timeout.toSeconds());
        }
        streamsMetrics.close();
        RecordCounters.unbind(registry);
        http.close();
        registry.close();
        stopped.countDown();
    }
}
