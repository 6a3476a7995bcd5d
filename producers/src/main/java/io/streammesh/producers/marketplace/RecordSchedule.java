package io.streammesh.producers.marketplace;

import io.streammesh.contracts.Topic;
import io.streammesh.producers.RecordSink;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * Records waiting for their time, sent in timestamp order (ties in the order they were scheduled),
 * each stamped with its due time. Sending in time order means a consumer never sees a generator's
 * record as late.
 */
final class RecordSchedule {

    private record Scheduled(long time, long sequence, BiConsumer<RecordSink, Long> send) {
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            Comparator.comparingLong(Scheduled::time).thenComparingLong(Scheduled::sequence));
    private final Pacer pacer;
    private final RecordSink sink;
    private long sequence;

    RecordSchedule(Pacer pacer, RecordSink sink) {
        this.pacer = pacer;
        this.sink = sink;
    }

    /** Schedules {@code value} for {@code time}, under its key, or with no key when {@code keyed} is false. */
    <V> void add(long time, Topic<V> topic, V value, boolean keyed) {
        queue.add(new Scheduled(time, sequence++, keyed
                ? (s, t) -> s.send(topic, value, t)
                : (s, t) -> s.sendWithKey(topic, null, value, t)));
    }

    /** Sends every record due at or before {@code time}, waiting for each one's time to come. */
    void sendUntil(long time) throws InterruptedException {
        while (!queue.isEmpty() && queue.peek().time() <= time) {
            Scheduled next = queue.poll();
            pacer.awaitTime(next.time());
            next.send().accept(sink, next.time());
        }
    }

    /** Sends everything still scheduled. */
    void sendAll() throws InterruptedException {
        sendUntil(Long.MAX_VALUE);
    }

    int pending() {
        return queue.size();
    }
}
