package io.streammesh.mongosink;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streammesh.common.config.ClientProperties;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.common.runtime.HttpEndpoint;
import io.streammesh.common.runtime.TopicProvisioner;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running sink: checks the broker and creates missing topics (the inputs and
 * {@code <group.id>.dlq}), opens the Kafka clients and the MongoDB client, serves {@code /health} and
 * {@code /metrics}, and runs {@link MongoSink} until {@link #close()}.
 */
public final class MongoSinkService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MongoSinkService.class);

    private final MongoSink sink;
    private final HttpEndpoint http;
    private final PrometheusMeterRegistry registry;
    private final KafkaClientMetrics consumerMetrics;
    private final SinkSettings settings;
    private final AtomicBoolean endpointsClosed = new AtomicBoolean();

    private MongoSinkService(MongoSink sink, HttpEndpoint http, PrometheusMeterRegistry registry,
                             KafkaClientMetrics consumerMetrics, SinkSettings settings) {
        this.sink = sink;
        this.http = http;
        this.registry = registry;
        this.consumerMetrics = consumerMetrics;
        this.settings = settings;
    }

    public static MongoSinkService start(ServiceConfig config) {
        return start(config, UnaryOperator.identity());
    }

    /** {@code decorate} wraps the MongoDB store, e.g. to inject a crash in a test. */
    static MongoSinkService start(ServiceConfig config, UnaryOperator<DocumentStore> decorate) {
        SinkSettings settings = SinkSettings.from(config);
        provisionTopics(config, settings);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(config, settings),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(config, settings),
                new ByteArraySerializer(), new ByteArraySerializer());
        DocumentStore store = decorate.apply(new MongoDocumentStore(settings.mongoUri(), settings.database(),
                settings.writeConcern(), settings.mongoTimeout()));
        KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        MongoSink sink = new MongoSink(settings, consumer, producer, store, new SinkMetrics(registry, settings.groupId()));

        HttpEndpoint http;
        try {
            http = HttpEndpoint.start(SinkSettings.NAME, config.get(Settings.HTTP_PORT),
                    () -> health(sink.state()), registry::scrape);
        } catch (RuntimeException e) {
            consumer.close();
            producer.close();
            store.close();
            throw e;
        }
        sink.start();
        LOG.info("{} started: group.id={}, http://localhost:{}/health", SinkSettings.NAME, settings.groupId(), http.port());
        return new MongoSinkService(sink, http, registry, consumerMetrics, settings);
    }

    /** Ready while RUNNING or RETRYING (restarting would not bring MongoDB back); live unless the loop FAILED. */
    static HttpEndpoint.Health health(MongoSink.State state) {
        return new HttpEndpoint.Health(state != MongoSink.State.FAILED,
                state == MongoSink.State.RUNNING || state == MongoSink.State.RETRYING, state.name());
    }

    /**
     * read_committed: {@code job_status} is written by an exactly-once Kafka Streams application, and an
     * aborted record must never reach MongoDB. Offsets are committed by the sink only.
     */
    static Properties consumerProperties(ServiceConfig config, SinkSettings settings) {
        Properties props = new Properties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(2000, settings.batchMaxRecords()));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-consumer");
        props.putAll(ClientProperties.consumer(config));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    static Properties producerProperties(ServiceConfig config, SinkSettings settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-dlq");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(ClientProperties.producer(config));
        // a dead letter is the only copy of a record whose offset gets committed: it must not get lost
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    private static void provisionTopics(ServiceConfig config, SinkSettings settings) {
        List<String> topics = new ArrayList<>(settings.mappings().stream().map(TopicMapping::topic).toList());
        topics.add(settings.deadLetterTopic());
        TopicProvisioner.provision(config, topics);
    }

    public MongoSink sink() {
        return sink;
    }

    public SinkSettings settings() {
        return settings;
    }

    public int httpPort() {
        return http.port();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void awaitTermination() throws InterruptedException {
        sink.awaitTermination();
    }

    @Override
    public void close() {
        sink.close();
        shutDownEndpoints();
    }

    private void shutDownEndpoints() {
        if (!endpointsClosed.compareAndSet(false, true)) {
            return;
        }
        consumerMetrics.close();
        http.close();
        registry.close();
    }
}
