package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer loop against a MockConsumer, a MockProducer and a store that fails on demand. */
class MongoSinkTest {

    static final String TOPIC = Topics.JOB_STATUS.name();
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    /** A MongoDB stand-in: applies writes to a map per collection, or fails while {@link #failWith} says so. */
    static final class FakeStore implements DocumentStore {
        final Map<String, Map<Object, Document>> collections = new LinkedHashMap<>();
        final List<List<MongoWrite>> bulkWrites = new ArrayList<>();
        Function<List<MongoWrite>, RuntimeException> failWith;
        int attempts;

        @Override
        public void write(String collection, List<MongoWrite> writes) {
            attempts++;
            if (failWith != null) {
                RuntimeException e = failWith.apply(writes);
                if (e != null) {
                    throw e;
                }
            }
            bulkWrites.add(writes);
            Map<Object, Document> docs = collections.computeIfAbsent(collection, c -> new LinkedHashMap<>());
            for (MongoWrite w : writes) {
                if (w.isDelete()) {
                    docs.remove(w.id());
                } else {
                    docs.put(w.id(), w.document());
                }
            }
        }

        Map<Object, Document> docs(String collection) {
            return collections.getOrDefault(collection, Map.of());
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public void close() {
        }
    }

    MockConsumer<byte[], byte[]> consumer;
    MockProducer<byte[], byte[]> producer;
    FakeStore store;
    MongoSink sink;
    long[] nextOffset = new long[6];

    @BeforeEach
    void setUp() {
        consumer = new MockConsumer<>("earliest");
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        store = new FakeStore();
        sink = sink(settings(100, Duration.ofMillis(20)));
        sink.subscribe();
        consumer.rebalance(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
    }

    MongoSink sink(SinkSettings settings) {
        return new MongoSink(settings, consumer, producer, store, SinkMetrics.unregistered("mongo-sink-test"));
    }

    static SinkSettings settings(int batchMax, Duration initialBackoff) {
        return new SinkSettings("mongodb://localhost:1", "marketplace",
                List.of(TopicMapping.of(TOPIC, "job_status"), TopicMapping.of(Topics.TRUCK_TRACKER.name(), "trucks")),
                WriteConcern.MAJORITY, Duration.ofSeconds(1), "mongo-sink-test", batchMax, Duration.ofMillis(200),
                Duration.ofMillis(1), new Backoff(initialBackoff, initialBackoff.multipliedBy(4)));
    }

    void send(TopicPartition tp, String key, String json) {
        consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), nextOffset[tp.partition()]++,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
    }

    static String status(long job, String status) {
        return "{\"job_id\":" + job + ",\"customer_id\":\"c" + job + "\",\"service_option\":\"Plumbing\",\"price\":100,"
                + "\"price_quoted\":120,\"current_status\":\"" + status + "\"}";
    }

    Map<TopicPartition, Long> committed() {
        Map<TopicPartition, Long> result = new LinkedHashMap<>();
        consumer.committed(Set.of(P0, P1)).forEach((tp, om) -> {
            if (om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    /** Runs the loop until {@code done} holds or the step budget is spent (the mock never blocks). */
    void runUntil(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            sink.runOnce();
        }
        assertThat(done.getAsBoolean()).as("condition reached within 10 s").isTrue();
    }

    @Test
    void writesOneDocumentPerJobAndCommitsExactlyTheBatchOffsetsAfterTheWrite() {
        send(P0, "1", status(1, "REJECTED"));
        send(P1, "2", status(2, "ACCEPTED"));
        send(P0, "1", status(1, "ACCEPTED"));

        sink.runOnce(); // polls all three; fewer than batch.max.records, so the idle check writes on the next empty poll
        assertThat(store.bulkWrites).isEmpty();
        assertThat(committed()).isEmpty();
        sink.runOnce();

        assertThat(store.bulkWrites).hasSize(1);
        // job 1 appears twice in the batch: only its last status is sent
        assertThat(store.bulkWrites.get(0)).hasSize(2);
        assertThat(store.docs("job_status")).containsOnlyKeys(1L, 2L);
        Document job1 = store.docs("job_status").get(1L);
        assertThat(job1.getString("current_status")).isEqualTo("ACCEPTED");
        assertThat(job1.keySet()).first().isEqualTo("_id");
        assertThat(committed()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 2L, P1, 1L));
        assertThat(sink.metrics().recordsWritten()).isEqualTo(3);
        assertThat(sink.metrics().batches()).isEqualTo(1);
        assertThat(sink.state()).isNotEqualTo(MongoSink.State.RETRYING);
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForAnIdlePoll() {
        sink = sink(settings(3, Duration.ofMillis(20)));
        sink.subscribe();
        consumer.rebalance(List.of(P0, P1));
        for (int i = 0; i < 3; i++) {
            send(P0, "" + i, status(i, "ACCEPTED"));
        }
        sink.runOnce();
        assertThat(store.docs("job_status")).hasSize(3);
        assertThat(committed()).containsEntry(P0, 3L);
    }

    @Test
    void tombstoneDeletesTheJobDocument() {
        send(P0, "7", status(7, "ACCEPTED"));
        runUntil(() -> store.docs("job_status").containsKey(7L));
        send(P0, "7", null);
        runUntil(() -> committed().getOrDefault(P0, 0L) == 2L);
        assertThat(store.docs("job_status")).doesNotContainKey(7L);
        assertThat(store.bulkWrites.get(1).get(0).isDelete()).isTrue();
    }

    @Test
    void whileMongoIsDownThePartitionsArePausedNothingIsCommittedAndTheBatchIsRetriedWithBackoff() {
        store.failWith = w -> new MongoTimeoutException("Timed out waiting for a server (test)");
        send(P0, "1", status(1, "ACCEPTED"));
        send(P1, "2", status(2, "REJECTED"));
        runUntil(() -> store.attempts >= 1);

        assertThat(sink.state()).isEqualTo(MongoSink.State.RETRYING);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
        assertThat(committed()).isEmpty();

        // records keep arriving while paused: they are not read, so nothing grows unbounded or gets skipped
        send(P0, "3", status(3, "ACCEPTED"));
        runUntil(() -> store.attempts >= 3);
        assertThat(sink.metrics().retries()).isGreaterThanOrEqualTo(3);
        assertThat(sink.pending()).isEqualTo(2);
        assertThat(committed()).isEmpty();
        assertThat(store.docs("job_status")).isEmpty();

        store.failWith = null;
        runUntil(() -> store.docs("job_status").size() == 3);
        assertThat(sink.state()).isEqualTo(MongoSink.State.RUNNING);
        assertThat(consumer.paused()).isEmpty();
        runUntil(() -> committed().equals(Map.of(P0, 2L, P1, 1L)));
        assertThat(store.docs("job_status")).containsOnlyKeys(1L, 2L, 3L);
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheirNeighboursAreWritten() {
        send(P0, "1", status(1, "ACCEPTED"));
        send(P0, "2", "{this is not json");
        send(P0, "3", "{\"customer_id\":\"c3\",\"current_status\":\"ACCEPTED\"}");
        send(P0, "4", status(4, "REJECTED"));
        runUntil(() -> committed().getOrDefault(P0, 0L) == 4L);

        assertThat(store.docs("job_status")).containsOnlyKeys(1L, 4L);
        List<ProducerRecord<byte[], byte[]>> dlq = producer.history();
        assertThat(dlq).hasSize(2);
        assertThat(dlq).allSatisfy(r -> assertThat(r.topic()).isEqualTo("mongo-sink-test.dlq"));
        ProducerRecord<byte[], byte[]> notJson = dlq.get(0);
        assertThat(new String(notJson.key(), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(new String(notJson.value(), StandardCharsets.UTF_8)).isEqualTo("{this is not json");
        assertThat(header(notJson, DeadLetters.TOPIC)).isEqualTo(TOPIC);
        assertThat(header(notJson, DeadLetters.PARTITION)).isEqualTo("0");
        assertThat(header(notJson, DeadLetters.OFFSET)).isEqualTo("1");
        assertThat(header(notJson, DeadLetters.STAGE)).isEqualTo("deserialization");
        assertThat(header(notJson, DeadLetters.APPLICATION)).isEqualTo("mongo-sink-test");
        assertThat(header(dlq.get(1), DeadLetters.MESSAGE)).isEqualTo("job_id is missing");
        assertThat(header(dlq.get(1), DeadLetters.OFFSET)).isEqualTo("2");
    }

    @Test
    void aDeadLetterThatCannotBeSentHoldsTheCommitAndIsRetried() {
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("broker down (test)");
        send(P0, "1", "not json");
        runUntil(() -> sink.state() == MongoSink.State.RETRYING);
        sink.runOnce();
        assertThat(committed()).isEmpty();
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);

        producer.sendException = null;
        runUntil(() -> committed().getOrDefault(P0, 0L) == 1L);
        assertThat(producer.history()).hasSize(1);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void aDocumentMongoRefusesForGoodIsDeadLetteredAndTheRestOfTheBatchCommitted() {
        store.failWith = writes -> {
            if (store.attempts > 1) {
                return null;
            }
            return new MongoBulkWriteException(BulkWriteResult.unacknowledged(),
                    List.of(new BulkWriteError(10334, "BSONObjectTooLarge (test)", new BsonDocument(), 1)), null,
                    new ServerAddress(), Set.of());
        };
        send(P0, "1", status(1, "ACCEPTED"));
        send(P0, "2", status(2, "ACCEPTED"));
        send(P0, "3", status(3, "ACCEPTED"));
        runUntil(() -> committed().getOrDefault(P0, 0L) == 3L);

        assertThat(store.attempts).isEqualTo(1);
        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(header(dead, DeadLetters.STAGE)).isEqualTo("production");
        assertThat(header(dead, DeadLetters.MESSAGE)).contains("10334");
    }

    @Test
    void aTransientWriteErrorRetriesTheWholeBatch() {
        store.failWith = writes -> store.attempts > 1 ? null
                : new MongoBulkWriteException(BulkWriteResult.unacknowledged(),
                        List.of(new BulkWriteError(11000, "E11000 duplicate key (racing upserts)", new BsonDocument(), 0)), null,
                        new ServerAddress(), Set.of());
        send(P0, "1", status(1, "ACCEPTED"));
        runUntil(() -> committed().getOrDefault(P0, 0L) == 1L);
        assertThat(store.attempts).isEqualTo(2);
        assertThat(store.docs("job_status")).containsOnlyKeys(1L);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void otherTopicsAreKeyedByTheRecordKey() {
        TopicPartition truck = new TopicPartition(Topics.TRUCK_TRACKER.name(), 3);
        consumer.rebalance(List.of(P0, P1, truck));
        consumer.updateBeginningOffsets(Map.of(truck, 0L));
        send(truck, "42", "{\"job_id\":42,\"vehicle_id\":\"T1\",\"lat\":-33.8}");
        send(P0, "42", status(42, "ACCEPTED"));
        runUntil(() -> committed().size() == 1 && consumer.committed(Set.of(truck)).get(truck) != null);
        assertThat(store.docs("trucks")).containsOnlyKeys("42");
        assertThat(store.docs("job_status")).containsOnlyKeys(42L);
    }

    @Test
    void revokedPartitionsOfAFailedBatchAreForgottenNotCommitted() {
        store.failWith = w -> new MongoTimeoutException("down (test)");
        send(P0, "1", status(1, "ACCEPTED"));
        send(P1, "2", status(2, "ACCEPTED"));
        runUntil(() -> store.attempts >= 1);
        assertThat(sink.pending()).isEqualTo(2);

        consumer.rebalance(List.of(P1)); // P0 goes to another instance
        assertThat(sink.pending()).isEqualTo(1);
        assertThat(consumer.paused()).contains(P1);

        store.failWith = null;
        runUntil(() -> !committed().isEmpty());
        assertThat(store.docs("job_status")).containsOnlyKeys(2L);
        assertThat(committed()).isEqualTo(Map.of(P1, 1L));
    }

    @Test
    void aCrashRightAfterMongoAcknowledgedABatchLeavesItUncommitted() {
        CrashAfterWrite crash = new CrashAfterWrite();
        sink = new MongoSink(settings(2, Duration.ofMillis(5)), consumer, producer, crash.wrap(store),
                SinkMetrics.unregistered("mongo-sink-test"));
        sink.subscribe();
        consumer.rebalance(List.of(P0, P1));
        send(P0, "1", status(1, "ACCEPTED"));
        send(P0, "2", status(2, "ACCEPTED"));
        crash.crashAfterNextWrite();

        assertThatThrownBy(sink::runOnce).isInstanceOf(CrashAfterWrite.SimulatedCrash.class);
        assertThat(crash.acknowledgedWrites()).isEqualTo(1);
        assertThat(store.docs("job_status")).containsOnlyKeys(1L, 2L);
        assertThat(committed()).isEmpty();
        assertThat(sink.metrics().commits()).isZero();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
