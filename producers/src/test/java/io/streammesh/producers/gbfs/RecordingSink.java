package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.producers.RecordSink;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a generator sends, as the JSON the real sinks would write. */
final class RecordingSink implements RecordSink {

    record Sent(String topic, String key, JsonNode value, long timestamp) {
    }

    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public <V> void sendWithKey(Topic<V> topic, String key, V value, long timestamp) {
        sent.add(new Sent(topic.name(), key, value == null ? null : Json.tree(Json.write(value)), timestamp));
    }

    List<Sent> on(String topic) {
        return sent.stream().filter(s -> s.topic().equals(topic)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        sent.forEach(s -> counts.merge(s.topic(), 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() {
    }
}
