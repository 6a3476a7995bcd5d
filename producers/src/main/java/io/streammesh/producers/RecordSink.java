package io.streammesh.producers;

import io.streammesh.contracts.Topic;
import java.util.Map;

/**
 * Where a generator's records go: Kafka, or a JSONL file in the replay tool's input format
 * ({@code --to-file}), so a recorded session can be replayed through a service offline.
 */
public interface RecordSink extends AutoCloseable {

    /**
     * Sends {@code value} (a record of the topic, written with the suite's JSON mapping) under the key
     * its topic derives from it ({@link Topic#keyOf}): the contract's key, and the one a generator
     * should use unless it means to send another.
     */
    default <V> void send(Topic<V> topic, V value, long timestamp) {
        sendWithKey(topic, topic.keyOf(value), value, timestamp);
    }

    /**
     * Sends {@code value} under {@code key} as given: {@code null} for no key (as producers written for
     * the ksqlDB demo sent them; the services' key rule re-keys such records), or a key the value does
     * not name (a truck position is keyed by the truck id its value leaves out; a test of the key rule
     * may send a key contradicting the value). A null {@code value} is a tombstone.
     */
    <V> void sendWithKey(Topic<V> topic, String key, V value, long timestamp);

    /** Blocks until everything sent so far is durable. */
    void flush();

    /** Records sent so far, per topic name, for the periodic rate summary and the metrics. */
    Map<String, Long> counts();

    /** Why this sink can no longer send (e.g. the broker refused a record), or null while it can. */
    default String failure() {
        return null;
    }

    @Override
    void close();
}
