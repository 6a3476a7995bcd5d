package io.streammesh.producers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes records as JSON lines in the replay tool's input format:
 * {@code {"topic": "...", "key": "..." | null, "value": {...} | null, "timestamp": <epoch ms>}}.
 */
public final class JsonlFileSink implements RecordSink {

    private final BufferedWriter writer;
    private final Map<String, Long> counts = new TreeMap<>();

    public JsonlFileSink(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    @Override
    public synchronized <V> void sendWithKey(Topic<V> topic, String key, V value, long timestamp) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("topic", topic.name());
        line.put("key", key);
        line.set("value", value == null ? null : Json.MAPPER.valueToTree(value));
        line.put("timestamp", timestamp);
        try {
            writer.write(Json.MAPPER.writeValueAsString(line));
            writer.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counts.merge(topic.name(), 1L, Long::sum);
    }

    @Override
    public synchronized void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
