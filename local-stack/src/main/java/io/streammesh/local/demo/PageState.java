package io.streammesh.local.demo;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.contracts.marketplace.QuoteDecision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What the demo page follows from the topics themselves, the way any downstream team would: record
 * counts and freshness per topic with the live keys of the tables, the stations with their latest
 * numbers, and the job statuses. Values are read with each topic's own serde into the contract's
 * records, so the page cannot drift from a record's fields. The tables a service serves (pairs,
 * availability, trucks) are read through the query API instead ({@link DemoTables}).
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

    /** A station as the map draws it: where it is and how full, from its latest info and status. */
    public record StationView(String stationId, String name, String regionName, Double lat, Double lon, Integer capacity,
                              Integer numBikesAvailable, Integer numDocksAvailable) {

        static StationView of(StationInfoLatest row, StationView before) {
            return new StationView(row.stationId(), row.station().name(), row.regionName(), row.station().lat(),
                    row.station().lon(), row.station().capacity(),
                    before == null ? null : before.numBikesAvailable(), before == null ? null : before.numDocksAvailable());
        }

        static StationView of(StationEnriched row) {
            return new StationView(row.stationId(), row.station().station().name(), row.station().regionName(),
                    row.station().station().lat(), row.station().station().lon(), row.station().station().capacity(),
                    row.status().numBikesAvailable(), row.status().numDocksAvailable());
        }

        boolean placed() {
            return lat != null && lon != null;
        }
    }

    /** A job status as the page lists it, with the record's timestamp. */
    public record JobView(@JsonUnwrapped JobStatus status, long timestamp) {
    }

    private static final class Counter {
        long records;
        long tombstones;
        long lastTimestamp;
        long lastSeen;
        Set<String> keys; // live keys, tables only
    }

    private final Map<String, Counter> counters = new TreeMap<>();
    private final Map<String, StationView> stations = new TreeMap<>();
    private final Map<QuoteDecision, Long> statusCounts = new EnumMap<>(QuoteDecision.class);
    private final Deque<JobView> latestJobs = new ArrayDeque<>();

    /** Applies one record; {@code value} null is a tombstone. Values a topic's serde rejects are counted, nothing more. */
    public synchronized void apply(String topic, String key, byte[] value, long timestamp, long now) {
        Counter c = counters.computeIfAbsent(topic, t -> new Counter());
        c.records++;
        c.lastTimestamp = Math.max(c.lastTimestamp, timestamp);
        c.lastSeen = now;
        Topic<?> spec = Topics.find(topic).orElse(null);
        if (value == null) {
            c.tombstones++;
        }
        if (spec != null && spec.isTable() && key != null) {
            if (c.keys == null) {
                c.keys = new HashSet<>();
            }
            if (value == null) {
                c.keys.remove(key);
            } else {
                c.keys.add(key);
            }
        }
        try {
            if (spec == Topics.STATIONS_INFO_LATEST) {
                StationInfoLatest row = read(Topics.STATIONS_INFO_LATEST, value);
                if (row == null) {
                    stations.remove(key);
                } else {
                    stations.put(row.stationId(), StationView.of(row, stations.get(row.stationId())));
                }
            } else if (spec == Topics.STATIONS_ENRICHED && value != null) {
                StationEnriched row = read(Topics.STATIONS_ENRICHED, value);
                stations.put(row.stationId(), StationView.of(row));
            } else if (spec == Topics.JOB_STATUS && value != null) {
                job(read(Topics.JOB_STATUS, value), timestamp);
            }
        } catch (SerializationException e) {
            // a record the contract rejects: counted above, shown nowhere else
        }
    }

    private static <V> V read(Topic<V> topic, byte[] value) {
        return value == null ? null : topic.serde().deserializer().deserialize(topic.name(), value);
    }

    private void job(JobStatus status, long timestamp) {
        statusCounts.merge(status.currentStatus(), 1L, Long::sum);
        latestJobs.addFirst(new JobView(status, timestamp));
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

    /** The stations the map can place (with coordinates), by station_id. */
    public synchronized List<StationView> stations() {
        return new ArrayList<>(stations.values().stream().filter(StationView::placed).toList());
    }

    public synchronized Map<QuoteDecision, Long> statusCounts() {
        return new EnumMap<>(statusCounts);
    }

    /** The newest job statuses first. */
    public synchronized List<JobView> latestJobs() {
        return List.copyOf(latestJobs);
    }
}
