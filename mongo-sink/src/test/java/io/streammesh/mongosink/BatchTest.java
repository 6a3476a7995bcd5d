package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class BatchTest {

    static final TopicPartition P0 = new TopicPartition("job_status", 0);
    static final TopicPartition P1 = new TopicPartition("job_status", 1);

    static Batch.Write write(TopicPartition tp, long offset, long job, String status) {
        return new Batch.Write(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, null),
                new MongoWrite("job_status", job, status == null ? null : new Document("_id", job).append("current_status", status)));
    }

    @Test
    void planKeepsTheLastWriteOfEachDocumentInTheOrderOfThoseLastWrites() {
        Batch batch = new Batch();
        batch.add(write(P0, 0, 1, "A"));
        batch.add(write(P0, 1, 2, "A"));
        batch.add(write(P0, 2, 1, "B"));
        batch.add(write(P0, 3, 1, null));
        batch.add(write(P1, 0, 3, "A"));

        List<Batch.Planned> planned = batch.plan().get("job_status");
        assertThat(planned).extracting(p -> p.write().write().id()).containsExactly(2L, 1L, 3L);
        assertThat(planned.get(1).write().write().isDelete()).isTrue();
        assertThat(planned.get(1).records()).isEqualTo(3);
        assertThat(batch.writeCounts()).isEqualTo(Map.of("job_status", Map.of("upsert", 4, "delete", 1)));
    }

    @Test
    void offsetsAreTheNextOffsetPerOwnedPartition() {
        Batch batch = new Batch();
        batch.add(write(P0, 10, 1, "A"));
        batch.add(write(P1, 4, 2, "A"));
        batch.add(write(P0, 12, 3, "A"));
        assertThat(batch.offsets(List.of(P0, P1))).isEqualTo(Map.of(P0, new OffsetAndMetadata(13), P1, new OffsetAndMetadata(5)));
        assertThat(batch.offsets(List.of(P1))).isEqualTo(Map.of(P1, new OffsetAndMetadata(5)));
    }

    @Test
    void droppingAPartitionForgetsItsRecordsAndOffsets() {
        Batch batch = new Batch();
        batch.add(write(P0, 0, 1, "A"));
        Batch.Rejected bad = new Batch.Rejected(new ConsumerRecord<>("job_status", 0, 1, null, null), "deserialization",
                new IllegalArgumentException("bad"));
        batch.add(bad);
        batch.add(write(P1, 0, 2, "A"));
        batch.drop(List.of(P0));
        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.pendingDeadLetters()).isEmpty();
        assertThat(batch.partitions()).containsExactly(P1);
    }

    @Test
    void aRejectedWriteLeavesThePlanAndBecomesADeadLetter() {
        Batch batch = new Batch();
        Batch.Write w = write(P0, 0, 1, "A");
        batch.add(w);
        batch.add(write(P0, 1, 2, "A"));
        batch.reject(w, new IllegalStateException("too large"));
        assertThat(batch.plan().get("job_status")).extracting(p -> p.write().write().id()).containsExactly(2L);
        assertThat(batch.pendingDeadLetters()).hasSize(1);
        Batch.Rejected r = batch.pendingDeadLetters().get(0);
        assertThat(r.stage()).isEqualTo("production");
        batch.markDeadLettered(r);
        assertThat(batch.pendingDeadLetters()).isEmpty();
        // the rejected record's offset is still committed with the batch
        assertThat(batch.offsets(List.of(P0))).containsEntry(P0, new OffsetAndMetadata(2));
    }
}
