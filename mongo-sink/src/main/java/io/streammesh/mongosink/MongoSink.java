package io.streammesh.mongosink;

import com.mongodb.MongoException;
import io.streammesh.common.runtime.DeadLetters;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: poll, turn records into writes, have the batch written ({@link BatchWriter}) and
 * its dead letters sent ({@link DeadLetterSender}), and commit exactly the offsets of that batch once
 * both were acknowledged. A crash between the write and the commit means the batch is read and
 * written again: the writes are upserts and deletes by {@code _id}, so a second time changes nothing.
 *
 * <p>When MongoDB does not acknowledge a batch, the batch stays in memory, every assigned partition is
 * paused, and the write is retried with exponential back-off ({@link WriteRetry}). The loop keeps
 * polling meanwhile (paused partitions return nothing), so the consumer keeps its place in the group,
 * and resumes the partitions once the batch is written. No record is skipped: offsets never move past
 * an unacknowledged write.
 *
 * <p>Not thread-safe: everything runs on the loop thread except {@link #close()} and the read-only
 * state accessors.
 */
public final class MongoSink implements AutoCloseable {

    /** What /health reports. RUNNING and RETRYING are healthy: restarting the sink would not bring MongoDB back. */
    public enum State { STARTING, RUNNING, RETRYING, STOPPED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(MongoSink.class);
    /** Beyond the producer's own delivery timeout (2 minutes by default), so a send fails there first. */
    private static final Duration DEAD_LETTER_ACK_MARGIN = Duration.ofMinutes(2);

    private final SinkSettings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final DocumentStore store;
    private final BatchWriter writer;
    private final DeadLetterSender deadLetters;
    private final SinkMetrics metrics;
    private final DocumentMapper mapper;
    private final WriteRetry retry;
    private final Batch batch = new Batch();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile State state = State.STARTING;
    private volatile boolean running = true;
    private volatile Thread thread;

    public MongoSink(SinkSettings settings, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetterProducer,
                     DocumentStore store, SinkMetrics metrics) {
        this.settings = settings;
        this.consumer = consumer;
        this.store = store;
        this.writer = new BatchWriter(store, metrics);
        this.deadLetters = new DeadLetterSender(deadLetterProducer, settings.groupId(),
                settings.mongoTimeout().plus(DEAD_LETTER_ACK_MARGIN));
        this.metrics = metrics;
        this.mapper = new DocumentMapper(settings.mappings());
        this.retry = new WriteRetry(settings.backoff());
    }

    /** Subscribes and runs the loop on its own thread. */
    public void start() {
        subscribe();
        Thread t = new Thread(this::run, SinkSettings.NAME + "-loop");
        thread = t;
        t.start();
    }

    void subscribe() {
        consumer.subscribe(settings.mappings().stream().map(TopicMapping::topic).toList(), new Rebalance());
        LOG.info("{}: draining {} into {}; dead letters to {}", SinkSettings.NAME,
                settings.mappings().stream().map(m -> m.topic() + " -> " + m.collection()).toList(),
                store.describe(), deadLetters.topic());
    }

    private void run() {
        state = State.RUNNING;
        try {
            while (running) {
                runOnce();
            }
            shutDown();
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            LOG.error("{}: the consumer loop failed and the sink stops: {}", SinkSettings.NAME, DeadLetters.describe(e), e);
            // nothing more is written or committed after a failure (not even on the revocation that closing
            // brings): the records held are uncommitted, so whoever takes the partitions over reads them again
            batch.clear();
        } finally {
            closeClients();
            stopped.countDown();
        }
    }

    /** One turn of the loop: poll, and write the batch when it is full, old enough, or the topic is idle. */
    void runOnce() {
        if (retry.pending()) {
            long waitMillis = retry.waitMillis();
            if (waitMillis > 0) {
                // paused: this returns no records, but keeps the consumer in its group
                consumer.pause(consumer.assignment());
                add(consumer.poll(Duration.ofMillis(Math.min(waitMillis, settings.pollTimeout().toMillis()))));
                updateLag();
                return;
            }
            flush();
            return;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
        add(records);
        updateLag();
        if (!batch.isEmpty() && (records.isEmpty() || batch.size() >= settings.batchMaxRecords()
                || batch.ageMillis() >= settings.batchMaxWait().toMillis())) {
            flush();
        }
    }

    private void add(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                batch.add(new Batch.Write(r, mapper.map(r.topic(), r.key(), r.value())));
            } catch (RuntimeException e) {
                // whatever a record does to the mapper, it must not stop the sink
                batch.add(new Batch.Rejected(r, "deserialization", e));
            }
        }
    }

    /**
     * Writes the batch, sends its dead letters, commits its offsets. On failure the batch is kept and
     * retried after a back-off; on success the partitions resume.
     */
    void flush() {
        if (batch.isEmpty()) {
            succeeded();
            return;
        }
        try {
            writer.write(batch);
            deadLetters.send(batch);
            commit();
            succeeded();
        } catch (MongoException | DeadLetterSender.NotDelivered | RetriableException e) {
            failed(e);
        }
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = batch.offsets(consumer.assignment());
        try {
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
                metrics.committed();
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the writes stand; the new owner of these partitions reads them again and writes the same documents
            LOG.warn("{}: batch written, but its offsets could not be committed ({}); the records will be written again,"
                    + " which changes nothing", SinkSettings.NAME, DeadLetters.describe(e));
        }
        batch.writeCounts().forEach((collection, ops) -> ops.forEach((op, n) -> metrics.written(collection, op, n)));
        batch.clear();
    }

    private void succeeded() {
        int failedBefore = retry.succeeded();
        if (failedBefore > 0) {
            LOG.info("{}: MongoDB acknowledged the batch after {} failed attempt(s); resuming all partitions",
                    SinkSettings.NAME, failedBefore);
            consumer.resume(consumer.assignment());
        }
        metrics.paused(false);
        if (state == State.RETRYING) {
            state = State.RUNNING;
        }
    }

    private void failed(Exception e) {
        Duration delay = retry.failed();
        consumer.pause(consumer.assignment());
        metrics.retry();
        metrics.paused(true);
        state = State.RETRYING;
        String what = e instanceof DeadLetterSender.NotDelivered ? "Sending to the dead-letter topic " + deadLetters.topic()
                : "Writing to MongoDB";
        LOG.warn("{}: {} failed (attempt {}), retrying in {} ms; {} records held uncommitted, partitions paused. Cause: {}",
                SinkSettings.NAME, what, retry.failedAttempts(), delay.toMillis(), batch.size(), DeadLetters.describe(e));
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                total += lag.getAsLong();
            }
        }
        metrics.lag(total);
    }

    private void shutDown() {
        if (!batch.isEmpty() && !retry.pending()) {
            flush();
        }
        if (!batch.isEmpty()) {
            LOG.warn("{}: stopping with {} records MongoDB has not acknowledged; their offsets are not committed,"
                    + " so they are written at the next start", SinkSettings.NAME, batch.size());
            batch.clear();
        }
        state = State.STOPPED;
        LOG.info("{}: stopped", SinkSettings.NAME);
    }

    private void closeClients() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the consumer: {}", SinkSettings.NAME, e.getMessage());
        }
        try {
            deadLetters.close(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the dead-letter producer: {}", SinkSettings.NAME, e.getMessage());
        }
        store.close();
    }

    /** Stops the loop, writing and committing what it holds if MongoDB answers, and closes the clients. */
    @Override
    public void close() {
        running = false;
        if (thread == null) {
            return;
        }
        try {
            if (!stopped.await(60, TimeUnit.SECONDS)) {
                LOG.warn("{}: the loop did not stop within 60 s", SinkSettings.NAME);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    public State state() {
        return state;
    }

    public SinkMetrics metrics() {
        return metrics;
    }

    /** Records held in memory, not yet acknowledged and committed. */
    int pending() {
        return batch.size();
    }

    /**
     * Partitions taken away: write and commit what this consumer holds for them if MongoDB answers,
     * else forget those records (uncommitted, the new owner reads them again).
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (batch.isEmpty()) {
                return;
            }
            Set<TopicPartition> affected = new HashSet<>(batch.partitions());
            affected.retainAll(partitions);
            if (affected.isEmpty()) {
                return;
            }
            if (!retry.pending()) {
                flush();
            }
            batch.drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            batch.drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (retry.pending()) {
                consumer.pause(partitions);
            }
            LOG.info("{}: assigned {}", SinkSettings.NAME, partitions);
        }
    }
}
