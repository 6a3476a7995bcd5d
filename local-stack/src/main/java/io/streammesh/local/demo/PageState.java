package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the demo page shows, materialized from the topics the way any downstream team would: record
 * counts and freshness per topic, live keys of the tables, the stations with their availability, the
 * current redistribution pairs (latest per key, tombstones remove), and the job statuses.
 *
 * <p>Fed one record at a time by {@link TopicWatcher}; every method is synchronized so the web
 * server's threads read consistent snapshots.
 */
public final class PageState {

    /** How many job statuses the page lists. */
    static final int LATEST_JOBS = 20;

    /** Per topic: records read (tombstones included), the newest record timestamp, when we last saw one. */
    public record TopicCount(long records, long tombstones, long lastTimestamp, long lastSeen, int liveKeys) {
    }

    private static final class Counter {
        long records;
        long tombstones;
        long lastTimestamp;
        long lastSeen;
        Set<String> keys; // live keys, tables only
    }

    private final Map<String, Counter> counters = new TreeMap<>();
    private final Map<String, ObjectNode> stations = new TreeMap<>();
    private final Map<String, JsonNode> high = new TreeMap<>();
    private final Map<String, JsonNode> low = new TreeMap<>();
    private final Map<String, JsonNode> pairs = new TreeMap<>();
    private final Map<String, Long> statusCounts = new TreeMap<>();
    private final Deque<ObjectNode> latestJobs = new ArrayDeque<>();

    /** Applies one record; {@code value} null is a tombstone. Unparseable values are counted, nothing more. */
    public synchronized void apply(String topic, String key, String value, long timestamp, long now) {
        Counter c = counters.computeIfAbsent(topic, t -> new Counter());
        c.records++;
        c.lastTimestamp = Math.max(c.lastTimestamp, timestamp);
        c.lastSeen = now;
        boolean table = Topics.find(topic).map(Topic<?>::isTable).orElse(false);
        if (value == null) {
            c.tombstones++;
        }
        if (table && key != null) {
            if (c.keys == null) {
                c.keys = new HashSet<>();
            }
            if (value == null) {
                c.keys.remove(key);
            } else {
                c.keys.add(key);
            }
        }
        JsonNode node = null;
        if (value != null) {
            try {
                node = Json.MAPPER.readTree(value);
            } catch (Exception e) {
                return; // a dead letter or a malformed input: counted above
            }
            if (node == null || !node.isObject()) {
                return;
            }
        }
        if (topic.equals(Topics.STATIONS_INFO_LATEST.name()) || topic.equals(Topics.STATIONS_ENRICHED.name())) {
            station(key, node);
        } else if (topic.equals(Topics.INVENTORY_AVAILABILITY_HIGH.name())) {
            table(high, key, node);
        } else if (topic.equals(Topics.INVENTORY_AVAILABILITY_LOW.name())) {
            table(low, key, node);
        } else if (topic.equals(Topics.INVENTORY_REDISTRIBUTION.name())) {
            table(pairs, key, node);
        } else if (topic.equals(Topics.JOB_STATUS.name()) && node != null) {
            job(node, timestamp);
        }
    }

    private void station(String key, JsonNode node) {
        String id = node == null ? key : text(node, "station_id", key);
        if (id == null) {
            return;
        }
        if (node == null) {
            stations.remove(id);
            return;
        }
        ObjectNode station = stations.computeIfAbsent(id, k -> Json.MAPPER.createObjectNode());
        station.put("station_id", id);
        for (String f : List.of("name", "region_name", "lat", "lon", "capacity", "num_bikes_available", "num_docks_available")) {
            JsonNode v = node.get(f);
            if (v != null && !v.isNull()) {
                station.set(f, v);
            }
        }
    }

    private static void table(Map<String, JsonNode> table, String key, JsonNode node) {
        if (key == null) {
            return;
        }
        if (node == null) {
            table.remove(key);
        } else {
            table.put(key, node);
        }
    }

    private void job(JsonNode node, long timestamp) {
        String status = text(node, "current_status", "UNKNOWN");
        statusCounts.merge(status, 1L, Long::sum);
        ObjectNode row = Json.MAPPER.createObjectNode();
        for (String f : List.of("job_id", "customer_id", "service_option", "price", "price_quoted", "current_status")) {
            JsonNode v = node.get(f);
            row.set(f, v == null ? Json.MAPPER.nullNode() : v);
        }
        row.put("timestamp", timestamp);
        latestJobs.addFirst(row);
        while (latestJobs.size() > LATEST_JOBS) {
            latestJobs.removeLast();
        }
    }

    public synchronized Map<String, TopicCount> counts() {
        Map<String, TopicCount> result = new TreeMap<>();
        counters.forEach((t, c) -> result.put(t, new TopicCount(c.records, c.tombstones, c.lastTimestamp, c.lastSeen,
                c.keys == null ? 0 : c.keys.size())));
        return result;
    }

    public synchronized TopicCount count(String topic) {
        Counter c = counters.get(topic);
        return c == null ? new TopicCount(0, 0, 0, 0, 0)
                : new TopicCount(c.records, c.tombstones, c.lastTimestamp, c.lastSeen, c.keys == null ? 0 : c.keys.size());
    }

    /** The stations with their latest numbers; availability high/low when the station is in that table, else normal. */
    public synchronized ObjectNode stations() {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("stations");
        Map<String, Integer> regions = new TreeMap<>();
        for (ObjectNode s : stations.values()) {
            if (!s.hasNonNull("lat") || !s.hasNonNull("lon")) {
                continue;
            }
            ObjectNode row = s.deepCopy();
            String id = s.get("station_id").asText();
            if (high.containsKey(id)) {
                row.put("availability", "high");
                row.set("surplus", high.get(id).get("surplus"));
            } else if (low.containsKey(id)) {
                row.put("availability", "low");
                row.set("shortage", low.get(id).get("shortage"));
            } else {
                row.put("availability", "normal");
            }
            list.add(row);
            regions.merge(s.hasNonNull("region_name") ? s.get("region_name").asText() : "(no region)", 1, Integer::sum);
        }
        result.put("high", high.size());
        result.put("low", low.size());
        ObjectNode byRegion = result.putObject("regions");
        regions.forEach(byRegion::put);
        return result;
    }

    /** The current pairs: latest value per key, tombstoned keys gone, largest redistribution first. */
    public synchronized Map<String, JsonNode> pairs() {
        return new LinkedHashMap<>(pairs);
    }

    public synchronized ObjectNode redistribution() {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("pairs");
        pairs.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, JsonNode>>comparingDouble(e -> -number(e.getValue(), "redistribution"))
                        .thenComparingDouble(e -> number(e.getValue(), "distance"))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    ObjectNode row = e.getValue().deepCopy();
                    row.put("key", e.getKey());
                    list.add(row);
                });
        result.put("count", pairs.size());
        return result;
    }

    public synchronized ObjectNode jobs() {
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("accepted", statusCounts.getOrDefault("ACCEPTED", 0L));
        result.put("rejected", statusCounts.getOrDefault("REJECTED", 0L));
        ObjectNode all = result.putObject("by_status");
        statusCounts.forEach(all::put);
        ArrayNode latest = result.putArray("latest");
        latestJobs.forEach(latest::add);
        return result;
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isNumber() ? 0 : v.asDouble();
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? otherwise : v.asText();
    }
}
