package io.streammesh.mongosink;

import com.mongodb.MongoBulkWriteException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch to MongoDB: per collection, the last write of each document ({@link Batch#plan()})
 * as one unordered bulk write through the {@link DocumentStore}. A document MongoDB refuses for good
 * ({@link WriteErrors}) becomes a dead letter of the batch; any other failure is thrown (a
 * {@link com.mongodb.MongoException}), and the caller retries the whole batch.
 */
final class BatchWriter {

    private final DocumentStore store;
    private final SinkMetrics metrics;

    BatchWriter(DocumentStore store, SinkMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /** Returns once MongoDB acknowledged every write of the batch it did not refuse. */
    void write(Batch batch) {
        for (Map.Entry<String, List<Batch.Planned>> entry : batch.plan().entrySet()) {
            String collection = entry.getKey();
            List<Batch.Planned> planned = entry.getValue();
            List<MongoWrite> writes = planned.stream().map(p -> p.write().write()).toList();
            long started = System.nanoTime();
            try {
                store.write(collection, writes);
            } catch (MongoBulkWriteException e) {
                WriteErrors.Verdict verdict = WriteErrors.classify(e);
                verdict.rejected().forEach((index, reason) -> batch.reject(planned.get(index).write(), new DocumentRefused(reason)));
                if (verdict.retry()) {
                    throw e;
                }
            }
            metrics.batch(Duration.ofNanos(System.nanoTime() - started));
            count(collection, writes);
        }
    }

    private void count(String collection, List<MongoWrite> writes) {
        long deletes = writes.stream().filter(MongoWrite::isDelete).count();
        if (writes.size() > deletes) {
            metrics.writes(collection, "upsert", (int) (writes.size() - deletes));
        }
        if (deletes > 0) {
            metrics.writes(collection, "delete", (int) deletes);
        }
    }

    /** MongoDB refused a document for good; the reason is MongoDB's. */
    static final class DocumentRefused extends RuntimeException {
        DocumentRefused(String message) {
            super(message);
        }
    }
}
