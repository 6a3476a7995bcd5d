package io.streammesh.producers;

import io.streammesh.contracts.Topic;

/**
 * Where a generator's records go: Kafka, or a JSONL file in the replay tool's input format
 * ({@code --to-file}), so a recorded session can be replayed through a service offline.
 */
public interface RecordSink extends AutoCloseable {

    /** Sends one record; {@code value} is a Java record written with the suite's JSON mapping (null = tombstone). */
    void send(Topic<?> topic, String key, Object value, long timestamp);

    /** Blocks until everything sent so far is durable. */
    void flush();

    /** Records sent so far, per topic, for the periodic rate summary. */
    java.util.Map<String, Long> counts();

    @Override
    void close();
}
