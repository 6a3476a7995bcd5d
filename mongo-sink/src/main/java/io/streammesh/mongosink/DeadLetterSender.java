package io.streammesh.mongosink;

import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Sends the records of a batch that can never be written to {@code <application.id>.dlq}, with the
 * suite's provenance headers, and waits for Kafka to acknowledge each: a dead letter is the only copy
 * of a record whose offset gets committed. Each acknowledged one is counted
 * ({@code streammesh_records_dropped_total{reason="dlq.<stage>"}}) and not sent again when the batch
 * is retried.
 */
final class DeadLetterSender {

    private final Producer<byte[], byte[]> producer;
    private final String applicationId;
    private final Duration ackTimeout;

    DeadLetterSender(Producer<byte[], byte[]> producer, String applicationId, Duration ackTimeout) {
        this.producer = producer;
        this.applicationId = applicationId;
        this.ackTimeout = ackTimeout;
    }

    String topic() {
        return Topics.deadLetter(applicationId).name();
    }

    /** Throws {@link NotDelivered} when any of them was not acknowledged; the batch is then retried like a failed write. */
    void send(Batch batch) {
        List<Batch.Rejected> pending = batch.pendingDeadLetters();
        if (pending.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(pending.size());
        try {
            for (Batch.Rejected r : pending) {
                ConsumerRecord<byte[], byte[]> s = r.source();
                ProducerRecord<byte[], byte[]> record = DeadLetters.record(applicationId, r.stage(), s.topic(), s.partition(),
                        s.offset(), s.timestamp(), SinkSettings.NAME, s.key(), s.value(), s.headers(), r.error());
                sent.add(producer.send(record));
            }
            producer.flush();
        } catch (KafkaException e) {
            throw new NotDelivered(e);
        }
        NotDelivered failure = null;
        for (int i = 0; i < pending.size(); i++) {
            Batch.Rejected r = pending.get(i);
            try {
                sent.get(i).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
                batch.markDeadLettered(r);
                RecordCounters.dropped(applicationId, "dlq." + r.stage(), r.source().topic() + "-" + r.source().partition()
                        + "@" + r.source().offset() + ": " + DeadLetters.describe(r.error()));
            } catch (ExecutionException | TimeoutException e) {
                failure = new NotDelivered(e instanceof ExecutionException ? e.getCause() : e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new NotDelivered(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void close(Duration timeout) {
        producer.close(timeout);
    }

    /** The dead-letter producer could not deliver. */
    static final class NotDelivered extends KafkaException {
        NotDelivered(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
