package io.streammesh.mongosink;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: poll, turn records into writes, write a batch to MongoDB with one unordered bulk
 * write per collection, and commit exactly the offsets of that batch once MongoDB acknowledged it.
 * A crash between the write and the commit means the batch is read and written again: the writes are
 * upserts and deletes by {@code _id}, so a second time changes nothing.
 *
 * <p>When MongoDB does not acknowledge a batch, the batch stays in memory, every assigned partition is
 * paused, and the write is retried with exponential back-off. The loop keeps polling meanwhile
 * (paused partitions return nothing), so the consumer keeps its place in the group, and resumes the
 * partitions once the batch is written. No record is skipped: offsets never move past an
 * unacknowledged write.
 *
 * <p>Records that can never be written go to the dead-letter topic with the suite's provenance
 * headers; their offsets are committed once the dead-letter record is acknowledged, together with
 * the batch they arrived in.
 *
 * <p>Not thread-safe: everything runs on the loop thread except {@link #close()}, {@link #halt()} and
 * the read-only state accessors.
 */
public final class MongoSink implements AutoCloseable {

    /** What /health reports. RUNNING and RETRYING are healthy: restarting the sink would not bring MongoDB back. */
    public enum State { STARTING, RUNNING, RETRYING, STOPPED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(MongoSink.class);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final SinkSettings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetters;
    private final DocumentStore store;
    private final SinkMetrics metrics;
    private final DocumentMapper mapper;
    private final Batch batch = new Batch();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile State state = State.STARTING;
    private volatile boolean running = true;
    private volatile boolean halting;
    private volatile boolean forceHalt;
    private boolean halted;
    private volatile Thread thread;
    private int failedAttempts;
    private long retryAtNanos;

    public MongoSink(SinkSettings settings, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetters,
                     DocumentStore store, SinkMetrics metrics) {
        this.settings = settings;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.store = store;
        this.metrics = metrics;
        this.mapper = new DocumentMapper(settings.mappings());
    }

    /** Subscribes and runs the loop on its own thread. */
    public void start() {
        subscribe();
        Thread t = new Thread(this::run, SinkSettings.NAME + "-loop");
        thread = t;
        t.start();
    }

    void subscribe() {
        List<String> topics = settings.mappings().stream().map(TopicMapping::topic).toList();
        consumer.subscribe(topics, new Rebalance());
        LOG.info("{}: draining {} into {}; dead letters to {}", SinkSettings.NAME,
                settings.mappings().stream().map(m -> m.topic() + " -> " + m.collection()).toList(),
                store.describe(), settings.deadLetterTopic());
    }

    private void run() {
        state = State.RUNNING;
        try {
            while (running && !halted && !forceHalt) {
                runOnce();
            }
            if (halting) {
                LOG.warn("{}: halted without committing (test hook)", SinkSettings.NAME);
                state = State.STOPPED;
            } else {
                shutDown();
            }
        } catch (RuntimeException | Error e) {
            state = State.FAILED;
            LOG.error("{}: the consumer loop failed and the sink stops: {}", SinkSettings.NAME, DeadLetters.describe(e), e);
        } finally {
            closeClients();
            stopped.countDown();
        }
    }

    /** One turn of the loop: poll, and write the batch when it is full, old enough, or the topic is idle. */
    void runOnce() {
        if (retryPending()) {
            long waitMillis = (retryAtNanos - System.nanoTime()) / 1_000_000;
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

    private boolean retryPending() {
        return failedAttempts > 0;
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
            write();
            if (halting) {
                halted = true; // the test hook: acknowledged by MongoDB, never committed, as in a crash
                return;
            }
            sendDeadLetters();
            commit();
            succeeded();
        } catch (MongoException | DeadLetterFailure | RetriableException e) {
            failed(e);
        }
    }

    private void write() {
        for (Map.Entry<String, List<Batch.Planned>> entry : batch.plan().entrySet()) {
            String collection = entry.getKey();
            List<Batch.Planned> planned = entry.getValue();
            List<WriteModel<Document>> models = new ArrayList<>(planned.size());
            for (Batch.Planned p : planned) {
                MongoWrite w = p.write().write();
                models.add(w.isDelete()
                        ? new DeleteOneModel<>(Filters.eq("_id", w.id()))
                        : new ReplaceOneModel<>(Filters.eq("_id", w.id()), w.document(), UPSERT));
            }
            long started = System.nanoTime();
            try {
                store.write(collection, models);
            } catch (MongoBulkWriteException e) {
                WriteErrors.Verdict verdict = WriteErrors.classify(e);
                verdict.rejected().forEach((index, reason) ->
                        batch.reject(planned.get(index).write(), new MongoWriteRejected(reason)));
                if (verdict.retry()) {
                    throw e;
                }
            }
            metrics.batch(Duration.ofNanos(System.nanoTime() - started));
            countWrites(collection, planned);
        }
    }

    private void countWrites(String collection, List<Batch.Planned> planned) {
        int upserts = 0;
        int deletes = 0;
        for (Batch.Planned p : planned) {
            if (p.write().write().isDelete()) {
                deletes++;
            } else {
                upserts++;
            }
        }
        if (upserts > 0) {
            metrics.writes(collection, "upsert", upserts);
        }
        if (deletes > 0) {
            metrics.writes(collection, "delete", deletes);
        }
    }

    private void sendDeadLetters() {
        List<Batch.Rejected> pending = batch.pendingDeadLetters();
        if (pending.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(pending.size());
        try {
            for (Batch.Rejected r : pending) {
                ConsumerRecord<byte[], byte[]> s = r.source();
                ProducerRecord<byte[], byte[]> record = DeadLetters.record(settings.groupId(), r.stage(), s.topic(), s.partition(),
                        s.offset(), s.timestamp(), SinkSettings.NAME, s.key(), s.value(), s.headers(), r.error());
                sent.add(deadLetters.send(record));
            }
            deadLetters.flush();
        } catch (KafkaException e) {
            throw new DeadLetterFailure(e);
        }
        DeadLetterFailure failure = null;
        for (int i = 0; i < pending.size(); i++) {
            Batch.Rejected r = pending.get(i);
            try {
                sent.get(i).get(settings.mongoTimeout().toMillis() + 120_000, TimeUnit.MILLISECONDS);
                batch.markDeadLettered(r);
                RecordCounters.dropped(settings.groupId(), "dlq." + r.stage(), r.source().topic() + "-" + r.source().partition()
                        + "@" + r.source().offset() + ": " + DeadLetters.describe(r.error()));
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                failure = new DeadLetterFailure(e instanceof ExecutionException ? e.getCause() : e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new DeadLetterFailure(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void commit() {
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = batch.offsets(owned);
        Map<String, Map<String, Integer>> counts = batch.writeCounts();
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
        counts.forEach((collection, ops) -> ops.forEach((op, n) -> metrics.written(collection, op, n)));
        batch.clear();
    }

    private void succeeded() {
        if (failedAttempts > 0) {
            LOG.info("{}: MongoDB acknowledged the batch after {} failed attempt(s); resuming all partitions",
                    SinkSettings.NAME, failedAttempts);
            consumer.resume(consumer.assignment());
        }
        failedAttempts = 0;
        retryAtNanos = 0;
        metrics.paused(false);
        if (state == State.RETRYING) {
            state = State.RUNNING;
        }
    }

    private void failed(Exception e) {
        failedAttempts++;
        Duration delay = settings.backoff().delay(failedAttempts);
        retryAtNanos = System.nanoTime() + delay.toNanos();
        consumer.pause(consumer.assignment());
        metrics.retry();
        metrics.paused(true);
        state = State.RETRYING;
        String what = e instanceof DeadLetterFailure ? "Sending to the dead-letter topic " + settings.deadLetterTopic() : "Writing to MongoDB";
        LOG.warn("{}: {} failed (attempt {}), retrying in {} ms; {} records held uncommitted, partitions paused. Cause: {}",
                SinkSettings.NAME, what, failedAttempts, delay.toMillis(), batch.size(), DeadLetters.describe(e));
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
        if (!batch.isEmpty() && !retryPending()) {
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
            deadLetters.close(halting ? Duration.ZERO : Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the dead-letter producer: {}", SinkSettings.NAME, e.getMessage());
        }
        store.close();
    }

    /** Stops the loop, writing and committing what it holds if MongoDB answers, and closes the clients. */
    @Override
    public void close() {
        running = false;
        awaitStop(Duration.ofSeconds(60));
    }

    /**
     * Test hook standing in for {@code kill -9}: the loop stops right after MongoDB acknowledges its
     * next batch, before committing it, and leaves without committing anything (or after 30 s
     * without a batch, wherever it is).
     */
    public void halt() {
        requestHalt();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                forceHalt = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceHalt = true;
        }
        awaitStop(Duration.ofSeconds(60));
    }

    void requestHalt() {
        halting = true;
    }

    private void awaitStop(Duration timeout) {
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: the loop did not stop within {} s", SinkSettings.NAME, timeout.toSeconds());
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
            if (halting || batch.isEmpty()) {
                return;
            }
            Set<TopicPartition> affected = new HashSet<>(batch.partitions());
            affected.retainAll(partitions);
            if (affected.isEmpty()) {
                return;
            }
            if (!retryPending()) {
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
            if (retryPending()) {
                consumer.pause(partitions);
            }
            LOG.info("{}: assigned {}", SinkSettings.NAME, partitions);
        }
    }

    /** The dead-letter producer could not deliver: the batch is retried like a failed write. */
    static final class DeadLetterFailure extends KafkaException {
        DeadLetterFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** MongoDB refused a document for good; the reason is MongoDB's. */
    static final class MongoWriteRejected extends RuntimeException {
        MongoWriteRejected(String message) {
            super(message);
        }
    }
}
