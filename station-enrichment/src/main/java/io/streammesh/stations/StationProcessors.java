package io.streammesh.stations;

import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.bikeshare.StationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The three processors of station-enrichment. They share one task's stores: the station rows of
 * its partition ({@value #LATEST_STORE}), every region ({@value #REGIONS_STORE}: regions are
 * broadcast to every partition) and an index of its stations by region ({@value #BY_REGION_STORE}),
 * so a renamed region re-emits exactly its own stations, and a status finds its station's row in
 * the same task, with no round trip through other topics. Every record arrives keyed by the key
 * rule; stations.info and system.regions are read as changelogs, so a tombstone deletes the station
 * or the region (a tombstone on stations.status, a stream of events, is dead-lettered before it gets here).
 */
final class StationProcessors {

    static final String LATEST_STORE = "stations-info-latest";
    static final String REGIONS_STORE = "system-regions";
    static final String BY_REGION_STORE = "stations-by-region";

    private StationProcessors() {
    }

    /** Index keys {@code <length>:<region_id>:<station_id>}: the length makes one region's prefix never match another's. */
    static String indexPrefix(String regionId) {
        return regionId.length() + ":" + regionId + ":";
    }

    static String indexKey(String regionId, String stationId) {
        return indexPrefix(regionId) + stationId;
    }

    /** A processor on all three stores of its task, writing info-latest rows. */
    private abstract static class RowWriter<V> implements Processor<String, V, String, StationInfoLatest> {
        ProcessorContext<String, StationInfoLatest> context;
        KeyValueStore<String, StationInfoLatest> latest;
        KeyValueStore<String, Region> regions;
        KeyValueStore<String, String> byRegion;

        @Override
        public void init(ProcessorContext<String, StationInfoLatest> context) {
            this.context = context;
            this.latest = context.getStateStore(LATEST_STORE);
            this.regions = context.getStateStore(REGIONS_STORE);
            this.byRegion = context.getStateStore(BY_REGION_STORE);
        }
    }

    /** stations.info: the station's row becomes this info with its region's name; a tombstone deletes the station. */
    static final class InfoProcessor extends RowWriter<StationInfo> {
        @Override
        public void process(Record<String, StationInfo> record) {
            String station = record.key();
            StationInfo info = record.value();
            StationInfoLatest old = latest.get(station);
            String oldRegion = old == null ? null : old.station().regionId();
            if (info == null) {
                if (old != null) {
                    if (oldRegion != null) {
                        byRegion.delete(indexKey(oldRegion, station));
                    }
                    latest.delete(station);
                    context.forward(record.withValue(null));
                }
                return;
            }
            String newRegion = info.regionId();
            if (!Objects.equals(oldRegion, newRegion)) {
                if (oldRegion != null) {
                    byRegion.delete(indexKey(oldRegion, station));
                }
                if (newRegion != null) {
                    byRegion.put(indexKey(newRegion, station), station);
                }
            }
            Region region = newRegion == null ? null : regions.get(newRegion);
            StationInfoLatest row = StationEnricher.latest(info, region);
            if (!row.equals(old)) { // a feed republishes unchanged stations; the table changes only when they do
                latest.put(station, row);
                context.forward(record.withValue(row));
            }
        }
    }

    /**
     * system.regions (every region, on every partition): a change of name re-emits the stations of the
     * region; a tombstone deletes the region, and its stations' region_name becomes null.
     */
    static final class RegionProcessor extends RowWriter<Region> {
        @Override
        public void process(Record<String, Region> record) {
            String regionId = record.key();
            Region old = regions.get(regionId);
            if (Objects.equals(record.value(), old)) {
                return;
            }
            if (record.value() == null) {
                regions.delete(regionId);
            } else {
                regions.put(regionId, record.value());
            }
            String newName = record.value() == null ? null : record.value().name();
            if (Objects.equals(old == null ? null : old.name(), newName)) {
                return;
            }
            List<String> stations = new ArrayList<>();
            try (KeyValueIterator<String, String> it = byRegion.prefixScan(indexPrefix(regionId), new StringSerializer())) {
                it.forEachRemaining(kv -> stations.add(kv.value));
            }
            for (String station : stations) {
                StationInfoLatest row = latest.get(station);
                if (row != null) {
                    StationInfoLatest renamed = row.withRegionName(newName);
                    latest.put(station, renamed);
                    context.forward(new Record<>(station, renamed, record.timestamp(), record.headers()));
                }
            }
        }
    }

    /** stations.status: joined to its station's row; a status of a station without one is counted, not emitted. */
    static final class StatusProcessor implements Processor<String, StationStatus, String, StationEnriched> {
        private ProcessorContext<String, StationEnriched> context;
        private KeyValueStore<String, StationInfoLatest> latest;

        @Override
        public void init(ProcessorContext<String, StationEnriched> context) {
            this.context = context;
            this.latest = context.getStateStore(LATEST_STORE);
        }

        @Override
        public void process(Record<String, StationStatus> record) {
            StationInfoLatest row = latest.get(record.key());
            if (row == null) {
                RecordCounters.dropped(context.applicationId(), StationEnrichmentTopology.UNKNOWN_STATION, record.key());
                return;
            }
            context.forward(record.withValue(StationEnricher.enrich(row, record.value())));
        }
    }
}
