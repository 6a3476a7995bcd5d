package io.streammesh.mongosink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records polled since the last commit, in poll order, until MongoDB has acknowledged them and
 * their offsets are committed: the writes, and the records to dead-letter.
 *
 * <p>{@link #plan()} keeps one write per document: when a batch holds several records of one job, only
 * the last is sent, so the unordered bulk write cannot apply an older status after a newer one.
 * Records of one document always come from one partition (the key is the job id), so "last" is
 * well defined.
 */
final class Batch {

    sealed interface Entry permits Write, Rejected {
        ConsumerRecord<byte[], byte[]> source();
    }

    record Write(ConsumerRecord<byte[], byte[]> source, MongoWrite write) implements Entry {
    }

    /** {@code stage}: {@code deserialization} (the record is unreadable) or {@code production} (MongoDB refused it). */
    record Rejected(ConsumerRecord<byte[], byte[]> source, String stage, Throwable error) implements Entry {
    }

    /** The last write of each document, with how many records it stands for. */
    record Planned(Write write, int records) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Set<Rejected> deadLettered = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private long startedNanos;

    void add(Entry entry) {
        if (entries.isEmpty()) {
            startedNanos = System.nanoTime();
        }
        entries.add(entry);
        ConsumerRecord<byte[], byte[]> r = entry.source();
        nextOffsets.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    long ageMillis() {
        return entries.isEmpty() ? 0 : (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Per collection, the last write of each document, in the order of those last writes. */
    Map<String, List<Planned>> plan() {
        Map<String, LinkedHashMap<Object, Planned>> byCollection = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry instanceof Write w) {
                LinkedHashMap<Object, Planned> docs = byCollection.computeIfAbsent(w.write().collection(), c -> new LinkedHashMap<>());
                Planned before = docs.remove(w.write().id());
                docs.put(w.write().id(), new Planned(w, before == null ? 1 : before.records() + 1));
            }
        }
        Map<String, List<Planned>> plan = new LinkedHashMap<>();
        byCollection.forEach((collection, docs) -> plan.put(collection, new ArrayList<>(docs.values())));
        return plan;
    }

    /** MongoDB refused this write for good: dead-letter its record instead. */
    void reject(Write write, Throwable error) {
        int i = indexOf(write);
        if (i >= 0) {
            entries.set(i, new Rejected(write.source(), "production", error));
        }
    }

    private int indexOf(Entry entry) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) == entry) {
                return i;
            }
        }
        return -1;
    }

    /** The records still to send to the dead-letter topic. */
    List<Rejected> pendingDeadLetters() {
        List<Rejected> pending = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry instanceof Rejected r && !deadLettered.contains(r)) {
                pending.add(r);
            }
        }
        return pending;
    }

    void markDeadLettered(Rejected rejected) {
        deadLettered.add(rejected);
    }

    /** Records per collection and operation, counted once the batch is committed. */
    Map<String, Map<String, Integer>> writeCounts() {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry instanceof Write w) {
                counts.computeIfAbsent(w.write().collection(), c -> new LinkedHashMap<>())
                        .merge(w.write().operation(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The offsets to commit for the given partitions once the batch is acknowledged: last offset + 1. */
    Map<TopicPartition, OffsetAndMetadata> offsets(Collection<TopicPartition> owned) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((tp, next) -> {
            if (owned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        });
        return offsets;
    }

    Set<TopicPartition> partitions() {
        return nextOffsets.keySet();
    }

    /**
     * Forgets the records of partitions this consumer no longer owns: their offsets were not
     * committed, so the new owner reads them again.
     */
    void drop(Collection<TopicPartition> partitions) {
        entries.removeIf(e -> partitions.contains(new TopicPartition(e.source().topic(), e.source().partition())));
        deadLettered.removeIf(r -> partitions.contains(new TopicPartition(r.source().topic(), r.source().partition())));
        nextOffsets.keySet().removeAll(partitions);
    }

    void clear() {
        entries.clear();
        nextOffsets.clear();
        deadLettered.clear();
    }
}
