package io.streammesh.interop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the services wrote, in the form two runs can be compared in whatever order their records
 * were processed: per output topic and key, the latest value of a table, or every value of a stream
 * (sorted; the runs turn record caches off, so every update is written). {@code truck_tracker} is a
 * table but compares as every row: a truck sending no key gets no order, so its last row need not be
 * its last position. Its {@code updated_at} is the position's record time, which kcat cannot set, so
 * it is left out.
 */
final class Outputs {

    static final Set<Topic<?>> COMPARED = Set.of(Topics.STATIONS_INFO_LATEST, Topics.STATIONS_ENRICHED, Topics.CUSTOMERS_ENRICHED,
            Topics.INVENTORY_AVAILABILITY_HIGH, Topics.INVENTORY_AVAILABILITY_LOW, Topics.INVENTORY_REDISTRIBUTION,
            Topics.JOB_STATUS, Topics.TRUCK_TRACKER);

    private final Map<String, Map<String, List<String>>> topics = new TreeMap<>();
    private final Map<String, Map<String, String>> latest = new TreeMap<>();

    /** Adds one output record; records of topics not compared are ignored. */
    synchronized void add(String topic, String key, String value) {
        Topic<?> t = Topics.find(topic).filter(COMPARED::contains).orElse(null);
        if (t == null) {
            return;
        }
        Map<String, String> last = latest.computeIfAbsent(topic, x -> new TreeMap<>());
        if (value == null) {
            last.remove(key);
        } else {
            last.put(key, value);
        }
        Map<String, List<String>> byKey = topics.computeIfAbsent(topic, x -> new TreeMap<>());
        if (latestOnly(t)) {
            if (value == null) {
                byKey.remove(key);
            } else {
                byKey.put(key, new ArrayList<>(List.of(value)));
            }
        } else {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(comparable(t, value));
        }
    }

    private static boolean latestOnly(Topic<?> topic) {
        return topic.isTable() && !topic.equals(Topics.TRUCK_TRACKER);
    }

    private static String comparable(Topic<?> topic, String value) {
        if (value != null && topic.equals(Topics.TRUCK_TRACKER)) {
            ObjectNode row = (ObjectNode) Json.tree(value);
            row.remove("updated_at");
            return row.toString();
        }
        return value;
    }

    /** This run's records of {@code topic}, by key: the latest value, or every value sorted. */
    synchronized Map<String, List<String>> of(Topic<?> topic) {
        Map<String, List<String>> copy = new TreeMap<>();
        topics.getOrDefault(topic.name(), Map.of()).forEach((key, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
            copy.put(key, sorted);
        });
        return copy;
    }

    /** The table a consumer of {@code topic} ends with: its last value per key (not compared: see the class comment). */
    synchronized Map<String, String> latest(Topic<?> topic) {
        return new TreeMap<>(latest.getOrDefault(topic.name(), Map.of()));
    }

    /** The records of {@code topics}: what {@link #equals} compares when both sides hold the same topics. */
    synchronized Map<String, Map<String, List<String>>> snapshot() {
        Map<String, Map<String, List<String>>> all = new TreeMap<>();
        for (String topic : topics.keySet()) {
            all.put(topic, of(Topics.find(topic).orElseThrow()));
        }
        return all;
    }

    /** Records per topic, for the report. */
    synchronized Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        topics.forEach((topic, byKey) -> sizes.put(topic, byKey.values().stream().mapToInt(List::size).sum()));
        return sizes;
    }

    /** Where {@code actual} differs from this (expected), topic by topic, a few keys each; empty when equal. */
    String differences(Outputs actual) {
        Map<String, Map<String, List<String>>> want = snapshot();
        Map<String, Map<String, List<String>>> got = actual.snapshot();
        StringBuilder out = new StringBuilder();
        Set<String> names = new TreeSet<>(want.keySet());
        names.addAll(got.keySet());
        for (String topic : names) {
            Map<String, List<String>> w = want.getOrDefault(topic, Map.of());
            Map<String, List<String>> g = got.getOrDefault(topic, Map.of());
            if (w.equals(g)) {
                continue;
            }
            Set<String> keys = new TreeSet<>(w.keySet());
            keys.addAll(g.keySet());
            List<String> differing = keys.stream().filter(k -> !Objects.equals(w.get(k), g.get(k))).toList();
            out.append(String.format("%s: %d of %d keys differ (expected %d keys, got %d)%n", topic, differing.size(), keys.size(),
                    w.size(), g.size()));
            for (String key : differing.subList(0, Math.min(3, differing.size()))) {
                out.append(String.format("  key %s%n    expected %s%n    got      %s%n", key, w.get(key), g.get(key)));
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outputs other && snapshot().equals(other.snapshot());
    }

    @Override
    public int hashCode() {
        return snapshot().hashCode();
    }

    @Override
    public String toString() {
        return "Outputs" + sizes();
    }
}
