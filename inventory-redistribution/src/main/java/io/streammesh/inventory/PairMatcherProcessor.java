package io.streammesh.inventory;

import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Runs the {@link RegionMatcher} of one task on its two member stores and forwards the pair updates. */
final class PairMatcherProcessor implements Processor<String, MembershipChange, String, RedistributionPair> {

    private final String sourcesStore;
    private final String destinationsStore;
    private ProcessorContext<String, RedistributionPair> context;
    private RegionMatcher matcher;

    PairMatcherProcessor(String sourcesStore, String destinationsStore) {
        this.sourcesStore = sourcesStore;
        this.destinationsStore = destinationsStore;
    }

    @Override
    public void init(ProcessorContext<String, RedistributionPair> context) {
        this.context = context;
        KeyValueStore<String, Member> sources = context.getStateStore(sourcesStore);
        KeyValueStore<String, Member> destinations = context.getStateStore(destinationsStore);
        this.matcher = new RegionMatcher(new CachedMemberIndex(sources), new CachedMemberIndex(destinations));
    }

    @Override
    public void process(Record<String, MembershipChange> record) {
        for (KeyValue<String, RedistributionPair> update : matcher.apply(record.value())) {
            context.forward(record.withKey(update.key).withValue(update.value));
        }
    }
}
