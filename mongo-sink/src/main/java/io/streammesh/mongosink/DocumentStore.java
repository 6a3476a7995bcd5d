package io.streammesh.mongosink;

import java.util.List;

/**
 * Where batches go: MongoDB in production ({@link MongoDocumentStore}, the only place that knows the
 * driver's write models); a fake in the sink's unit tests, which makes MongoDB fail on demand.
 */
public interface DocumentStore extends AutoCloseable {

    /**
     * Applies the writes to {@code collection} as one unordered bulk write, returning only once
     * MongoDB acknowledged them with the configured write concern. Throws a
     * {@link com.mongodb.MongoException} when it did not; a
     * {@link com.mongodb.MongoBulkWriteException} says which writes failed, by their index in
     * {@code writes}.
     */
    void write(String collection, List<MongoWrite> writes);

    /** Where the documents go, for logs: hosts and database, never credentials. */
    String describe();

    @Override
    void close();
}
