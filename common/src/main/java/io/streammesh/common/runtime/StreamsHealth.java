package io.streammesh.common.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * What a Kafka Streams client's state means to an orchestrator. Live: the client can still make
 * progress; once it is in ERROR (a failure past the thread-replacement budget) or shutting down on
 * its own, only a restart helps. Ready: RUNNING with no store restoring, so its tables answer queries
 * with current data; a rebalance or a restore after a move makes it briefly not ready, never not live.
 * Registered as the global restore listener to know which stores are restoring.
 */
public final class StreamsHealth implements StateRestoreListener {

    private final Set<String> restoring = ConcurrentHashMap.newKeySet();

    /** The health of a client in {@code state} with {@code restoringStores} stores being restored. */
    public static HttpEndpoint.Health of(KafkaStreams.State state, int restoringStores) {
        boolean live = switch (state) {
            case ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING -> false;
            case CREATED, REBALANCING, RUNNING -> true;
        };
        boolean ready = state == KafkaStreams.State.RUNNING && restoringStores == 0;
        String detail = restoringStores == 0 ? state.name() : state.name() + " (restoring " + restoringStores + " store partitions)";
        return new HttpEndpoint.Health(live, ready, detail);
    }

    /** The health of {@code streams} now; null: not created yet. */
    public HttpEndpoint.Health of(KafkaStreams streams) {
        if (streams == null) {
            return new HttpEndpoint.Health(true, false, "STARTING");
        }
        return of(streams.state(), restoring.size());
    }

    /** Store partitions being restored now. */
    public int restoringStores() {
        return restoring.size();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        restoring.add(storeName + "@" + partition);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        restoring.remove(storeName + "@" + partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        restoring.remove(storeName + "@" + partition); // the task moved away mid-restore
    }
}
