package io.streammesh.common.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.common.query.QueryApi;
import io.streammesh.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link StreamService}: builds its topology, checks the broker, creates missing topics,
 * starts Kafka Streams with the suite's defaults (exactly-once v2, dead-letter handlers), serves
 * {@code /health}, {@code /metrics} and the query API ({@code /v1}: the service's tables, the
 * registry's change streams, its catalog), and shuts down gracefully.
 *
 * <p>Settings read here: {@link Settings#SERVICE}.
 */
public final class ServiceRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);

    private final StreamService service;
    private final KafkaStreams streams;
    private final HttpEndpoint http;
    private final QueryApi queries;
    private final PrometheusMeterRegistry registry;
    private final KafkaStreamsMetrics streamsMetrics;
    private final String applicationId;
    private final boolean staticMember;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private ServiceRuntime(StreamService service, KafkaStreams streams, HttpEndpoint http, QueryApi queries,
                           PrometheusMeterRegistry registry, KafkaStreamsMetrics streamsMetrics, String applicationId,
                           boolean staticMember) {
        this.service = service;
        this.streams = streams;
        this.http = http;
        this.queries = queries;
        this.registry = registry;
        this.streamsMetrics = streamsMetrics;
        this.applicationId = applicationId;
        this.staticMember = staticMember;
    }

    private static boolean staticMember(Properties props) {
        String id = org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
        return props.getProperty(StreamsConfig.mainConsumerPrefix(id), props.getProperty(id)) != null;
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
        // a member killed without leaving holds its partitions until its session times out: 10 s
        // instead of the client's 45 s (a static member, group.instance.id set, comes back within it
        // without a rebalance at all)
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        String stateDir = config.get(Settings.STATE_DIR);
        if (stateDir != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        props.putAll(service.streamsDefaults());
        props.putAll(config.kafka()); // the user's properties win over our defaults
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                Topics.deadLetter(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).name());
        return props;
    }

    public static ServiceRuntime start(StreamService service, ServiceConfig given) {
        Properties props = streamsProperties(service, given);
        String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        // the first build names the topics; the key rule then checks records against their real partition counts
        ServiceConfig config = given.withInputPartitions(provisionTopics(given, applicationId, service.build(given)));
        Topology topology = service.build(config);
        LOG.info("{} ({}): topology\n{}", service.name(), applicationId, topology.describe());

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        RecordCounters.bindTo(registry);

        KafkaStreams[] holder = new KafkaStreams[1];
        StreamsHealth health = new StreamsHealth();
        HttpEndpoint http = HttpEndpoint.start(service.name(), config.get(Settings.HTTP_PORT), config.get(Settings.QUERY_THREADS),
                () -> health.of(holder[0]), registry::scrape);
        QueryApi queries = null;
        try {
            HostInfo self = new HostInfo(config.get(Settings.HTTP_ADVERTISED_HOST), http.port());
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            KafkaStreams streams = new KafkaStreams(topology, props);
            holder[0] = streams;
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
            streamsMetrics.bindTo(registry);
            queries = new QueryApi(service.name(), applicationId, streams, service.tables(),
                    TopologyTopics.of(topology).outputs(), config, () -> self);
            queries.routes().forEach(http::route);
            ServiceRuntime runtime = new ServiceRuntime(service, streams, http, queries, registry, streamsMetrics, applicationId,
                    staticMember(props));
            streams.setGlobalStateRestoreListener(health);
            streams.setUncaughtExceptionHandler(threadFailures(service, config, registry, applicationId));
            streams.setStateListener((now, before) -> {
                LOG.info("{}: {} -> {}", service.name(), before, now);
                if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                    runtime.stopped.countDown();
                }
            });
            service.routes(streams, config).forEach(http::route);
            streams.start();
            LOG.info("{} started: application.id={}, http://localhost:{}/health", service.name(), applicationId, http.port());
            return runtime;
        } catch (RuntimeException e) {
            if (queries != null) {
                queries.close();
            }
            http.close();
            throw e;
        }
    }

    /** Creates what is missing; returns the partition counts of the topology's input topics. */
    private static Map<String, Integer> provisionTopics(ServiceConfig config, String applicationId, Topology topology) {
        TopologyTopics topologyTopics = TopologyTopics.of(topology);
        List<String> topics = new ArrayList<>(topologyTopics.all());
        topics.add(Topics.deadLetter(applicationId).name());
        Map<String, Integer> partitions = new HashMap<>(TopicProvisioner.provision(config, topics));
        partitions.keySet().retainAll(topologyTopics.inputs());
        return partitions;
    }

    /**
     * A failed stream thread is replaced while the budget lasts; past it the client shuts down, and
     * the launcher exits with code 1: a failure that repeats is then visible to the orchestrator
     * instead of replacing threads forever behind a healthy /health.
     */
    private static StreamsUncaughtExceptionHandler threadFailures(StreamService service, ServiceConfig config,
                                                                  PrometheusMeterRegistry registry, String applicationId) {
        ThreadReplacementBudget budget = new ThreadReplacementBudget(config.get(Settings.STREAM_THREAD_REPLACEMENTS),
                config.get(Settings.STREAM_THREAD_REPLACEMENT_WINDOW));
        Counter failures = Counter.builder("streammesh_stream_thread_failures")
                .description("stream threads that failed with an exception no handler took (replaced or, past the budget, fatal)")
                .tag("application_id", applicationId)
                .register(registry);
        String window = config.get(Settings.STREAM_THREAD_REPLACEMENT_WINDOW).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        return e -> {
            failures.increment();
            if (budget.tryReplace(System.nanoTime())) {
                LOG.error("{}: a stream thread failed, replacing it ({} of {} replacements within {}): {}", service.name(),
                        budget.used(), budget.limit(), window, DeadLetters.describe(e), e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("{}: a stream thread failed again after {} replacements within {}: shutting down, exit code 1."
                            + " The failure repeats, so replacing threads would not help: fix its cause (the stack trace below),"
                            + " or raise {} if such failures are expected: {}", service.name(), budget.limit(),
                    window, Settings.STREAM_THREAD_REPLACEMENTS.name(),
                    DeadLetters.describe(e), e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        };
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

    /**
     * Closes Kafka Streams (committing what it processed), then the HTTP server. The instance leaves
     * its group, so its partitions move at once instead of after the session timeout; a static member
     * ({@code group.instance.id} set) stays, since it is expected back under the same id.
     */
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
        boolean clean = streams.close(CloseOptions.groupMembershipOperation(staticMember
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
        if (!clean) {
            LOG.warn("{}: Kafka Streams did not stop within {} s", service.name(), timeout.toSeconds());
        }
        streamsMetrics.close();
        RecordCounters.unbind(registry);
        http.close();
        queries.close();
        registry.close();
        stopped.countDown();
    }
}
