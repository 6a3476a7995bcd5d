package io.streammesh.common.runtime;

import io.streammesh.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes records a service cannot handle to {@code <application.id>.dlq} and keeps going (spec,
 * "Common rules"). The dead-letter record carries the original key and value bytes, the original
 * headers, and these headers saying where it came from and why:
 *
 * <ul>
 *   <li>{@value #TOPIC}, {@value #PARTITION}, {@value #OFFSET}: the source record;</li>
 *   <li>{@value #STAGE}: {@code deserialization}, {@code processing} or {@code production};</li>
 *   <li>{@value #EXCEPTION}, {@value #MESSAGE}: what went wrong;</li>
 *   <li>{@value #APPLICATION}, {@value #PROCESSOR}: who rejected it.</li>
 * </ul>
 *
 * <p>With exactly-once the dead-letter record is written in the same transaction as the offsets, so a
 * bad record is dead-lettered exactly once. Each handler also counts into {@link RecordCounters}
 * (reason {@code dlq.<stage>}) and logs at WARN.
 */
public final class DeadLetters {

    public static final String TOPIC = "streammesh.error.topic";
    public static final String PARTITION = "streammesh.error.partition";
    public static final String OFFSET = "streammesh.error.offset";
    public static final String STAGE = "streammesh.error.stage";
    public static final String EXCEPTION = "streammesh.error.exception";
    public static final String MESSAGE = "streammesh.error.message";
    public static final String APPLICATION = "streammesh.error.application.id";
    public static final String PROCESSOR = "streammesh.error.processor";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /** Total records this application sent to its dead-letter topic, all stages. */
    public static long count(String applicationId) {
        return RecordCounters.counts(applicationId).entrySet().stream()
                .filter(e -> e.getKey().startsWith("dlq."))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Builds a dead-letter record; public so plain consumers (the Mongo sink) use the same headers. */
    public static ProducerRecord<byte[], byte[]> record(String applicationId, String stage, String topic, int partition,
                                                        long offset, Long timestamp, String processor, byte[] key, byte[] value,
                                                        Headers original, Throwable error) {
        Headers headers = new RecordHeaders();
        if (original != null) {
            for (Header h : original) {
                if (!h.key().startsWith("streammesh.error.")) {
                    headers.add(h);
                }
            }
        }
        add(headers, TOPIC, topic);
        add(headers, PARTITION, Integer.toString(partition));
        add(headers, OFFSET, Long.toString(offset));
        add(headers, STAGE, stage);
        add(headers, EXCEPTION, error.getClass().getName());
        add(headers, MESSAGE, describe(error));
        add(headers, APPLICATION, applicationId);
        if (processor != null) {
            add(headers, PROCESSOR, processor);
        }
        return new ProducerRecord<>(Topics.deadLetter(applicationId).name(), null,
                timestamp == null || timestamp < 0 ? null : timestamp, key, value, headers);
    }

    /** The most specific message in the cause chain, e.g. the record's own validation message. */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        Throwable cause = error.getCause();
        while (cause != null && cause != error) {
            if (message == null && cause.getMessage() != null) {
                message = cause.getMessage();
            }
            error = cause;
            cause = cause.getCause();
        }
        return message == null ? error.getClass().getSimpleName() : message;
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String applicationId(Map<String, ?> configs) {
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        return id == null ? "unknown" : id.toString();
    }

    private static ProducerRecord<byte[], byte[]> fromContext(String applicationId, String stage, ErrorHandlerContext context,
                                                              byte[] key, byte[] value, Exception error) {
        LOG.warn("{}: {} failed for record {}-{}@{}, sent to {}: {}", applicationId, stage, context.topic(),
                context.partition(), context.offset(), Topics.deadLetter(applicationId).name(), describe(error));
        RecordCounters.dropped(applicationId, "dlq." + stage, null);
        return record(applicationId, stage, context.topic(), context.partition(), context.offset(), context.timestamp(),
                context.processorNodeId(), key, value, context.headers(), error);
    }

    /** A record whose bytes cannot be read as the expected type. */
    public static class OnDeserialization implements DeserializationExceptionHandler {
        private String applicationId = "unknown";

        @Override
        public void configure(Map<String, ?> configs) {
            applicationId = applicationId(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            return Response.resume(List.of(fromContext(applicationId, "deserialization", context, record.key(), record.value(), exception)));
        }
    }

    /** A record a processor threw on: a missing field a join or a formula needs, a value out of range. */
    public static final class OnProcessing implements ProcessingExceptionHandler {
        private String applicationId = "unknown";

        @Override
        public void configure(Map<String, ?> configs) {
            applicationId = applicationId(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            return Response.resume(List.of(fromContext(applicationId, "processing", context,
                    context.sourceRawKey(), context.sourceRawValue(), exception)));
        }
    }

    /**
     * A result that cannot be written. Retriable broker errors are retried (Kafka Streams' own
     * retries have run out only when the error is final); a result that can never be written (too
     * large, cannot be serialised) is dead-lettered with the input record that produced it.
     */
    public static final class OnProduction implements ProductionExceptionHandler {
        private String applicationId = "unknown";

        @Override
        public void configure(Map<String, ?> configs) {
            applicationId = applicationId(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
            if (exception instanceof RetriableException) {
                return Response.retry();
            }
            return Response.resume(List.of(fromContext(applicationId, "production", context,
                    context.sourceRawKey(), context.sourceRawValue(), exception)));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                                 SerializationExceptionOrigin origin) {
            return Response.resume(List.of(fromContext(applicationId, "production", context,
                    context.sourceRawKey(), context.sourceRawValue(), exception)));
        }
    }
}
