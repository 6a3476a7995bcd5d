package io.streammesh.inventory;

import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs the {@link RegionMatcher} of one task on its two member stores and forwards the pair updates,
 * keeping the task's current pairs in a third store as it forwards them (put, or delete for a
 * tombstone), so the store always holds what the topic holds once this step commits.
 */
final class PairMatcherProcessor implements Processor<String, MembershipChange, String, RedistributionPair> {

    private final String sourcesStore;
    private final String destinationsStore;
    private final String pairsStore;
    private ProcessorContext<String, RedistributionPair> context;
    private RegionMatcher matcher;
    private KeyValueStore<String, RedistributionPair> pairs;

    PairMatcherProcessor(String sourcesStore, String destinationsStore, String pairsStore) {
        this.sourcesStore = sourcesStore;
        this.destinationsStore = destinationsStore;
        this.pairsStore = pairsStore;
    }

    @Override
    public void init(ProcessorContext<String, RedistributionPair> context) {
        this.context = context;
        KeyValueStore<String, Member> sources = context.getStateStore(sourcesStore);
        KeyValueStore<String, Member> destinations = context.getStateStore(destinationsStore);
        this.matcher = new RegionMatcher(new CachedMemberIndex(sources), new CachedMemberIndex(destinations));
        this.pairs = context.getStateStore(pairsStore);
    }

    @Override
    public void process(Record<String, MembershipChange> record) {
        for (KeyValue<String, RedistributionPair> update : matcher.apply(record.value())) {
            if (update.value == null) {
                pairs.delete(update.key);
            } else {
                pairs.put(update.key, update.value);
            }
            context.forward(record.withKey(update.key).withValue(update.value));
        }
    }
}
