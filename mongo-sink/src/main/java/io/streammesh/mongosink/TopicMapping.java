package io.streammesh.mongosink;

import io.streammesh.common.config.ConfigException;
import io.streammesh.contracts.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which topic is drained into which collection, and where a document's {@code _id} comes from.
 *
 * <p>{@code job_status} documents are keyed by the value's {@code job_id} (spec: {@code _id = job_id}),
 * a whole number, so the same job is one document whether a producer sent {@code 42} or {@code "42"};
 * a tombstone deletes the document of the job its key names. Every other topic is keyed by the record
 * key, as a string ({@code truck_tracker} is keyed by job id too).
 */
public record TopicMapping(String topic, String collection, IdSource idSource) {

    /** Where {@code _id} comes from. */
    public enum IdSource {
        /** The value's {@code job_id} field as a whole number; a tombstone's key, parsed the same way. */
        JOB_ID,
        /** The record key, as a string. */
        RECORD_KEY
    }

    /** What the sink drains unless told otherwise: its topics in the contract ({@link Topics#SINKS}), each into a collection of that name. */
    public static final String DEFAULT = Topics.SINKS.get(SinkSettings.NAME).stream().map(t -> t.name() + "=" + t.name())
            .collect(Collectors.joining(","));

    public TopicMapping {
        if (topic == null || topic.isBlank() || collection == null || collection.isBlank()) {
            throw new ConfigException("A mapping needs a topic and a collection: TOPIC=COLLECTION, e.g. " + DEFAULT);
        }
    }

    public static TopicMapping of(String topic, String collection) {
        return new TopicMapping(topic, collection,
                topic.equals(Topics.JOB_STATUS.name()) ? IdSource.JOB_ID : IdSource.RECORD_KEY);
    }

    /**
     * Parses {@code topic=collection} pairs separated by commas or given one by one
     * ({@code job_status=job_status,truck_tracker=trucks}); a bare {@code topic} maps to a collection
     * of the same name. A topic may appear only once.
     */
    public static List<TopicMapping> parse(List<String> specs) {
        Map<String, TopicMapping> byTopic = new LinkedHashMap<>();
        for (String spec : specs) {
            for (String part : spec.split(",")) {
                String item = part.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                String topic = (eq < 0 ? item : item.substring(0, eq)).trim();
                String collection = (eq < 0 ? item : item.substring(eq + 1)).trim();
                if (collection.contains("$") || collection.startsWith("system.")) {
                    throw new ConfigException("Mapping '" + item + "': '" + collection + "' is not a valid MongoDB collection name.");
                }
                TopicMapping mapping = of(topic, collection);
                if (byTopic.put(topic, mapping) != null) {
                    throw new ConfigException("Mapping '" + item + "': topic " + topic + " is mapped twice; give each topic one collection.");
                }
            }
        }
        if (byTopic.isEmpty()) {
            throw new ConfigException("No topic to drain: give at least one --mapping TOPIC=COLLECTION (default " + DEFAULT + ").");
        }
        return new ArrayList<>(byTopic.values());
    }
}
