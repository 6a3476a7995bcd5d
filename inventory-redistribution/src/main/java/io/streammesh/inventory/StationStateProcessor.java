package io.streammesh.inventory;

import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.inventory.model.Availability;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per station (records keyed by station_id, by the key rule): classifies its latest state, remembers its row, and
 * forwards what changed (see {@link StationTransition}). A record the rule cannot evaluate throws
 * before anything is forwarded or stored, so it is dead-lettered and the station keeps its state.
 */
final class StationStateProcessor implements Processor<String, StationEnriched, String, StationOutput> {

    private final String storeName;
    private ProcessorContext<String, StationOutput> context;
    private KeyValueStore<String, Availability> rows;

    StationStateProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, StationOutput> context) {
        this.context = context;
        this.rows = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, StationEnriched> record) {
        StationEnriched station = record.value();
        Availability after = StationAvailability.classify(station);
        String exclusion = StationAvailability.exclusion(station);
        if (exclusion != null) {
            // the spec's "considered only if": not an error, but never silent
            RecordCounters.dropped(context.applicationId(), exclusion, station.stationId());
        }
        String stationId = station.stationId();
        Availability before = rows.get(stationId);
        for (StationOutput output : StationTransition.between(before, after)) {
            context.forward(record.withKey(stationId).withValue(output));
        }
        if (after == null) {
            if (before != null) {
                rows.delete(stationId);
            }
        } else if (!after.equals(before)) {
            rows.put(stationId, after);
        }
    }
}
