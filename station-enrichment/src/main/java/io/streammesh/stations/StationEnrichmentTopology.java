package io.streammesh.stations;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.stations.model.Region;
import io.streammesh.stations.model.StationEnriched;
import io.streammesh.stations.model.StationInfo;
import io.streammesh.stations.model.StationInfoLatest;
import io.streammesh.stations.model.StationStatus;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * station-enrichment (spec, "station-enrichment"):
 * <ul>
 *   <li>{@code stations.info.latest}: the latest {@code stations.info} per station with
 *       {@code region_name} looked up in the latest {@code system.regions} (null when unknown),
 *       re-emitted when the station's info or its region's name changes;</li>
 *   <li>{@code stations.enriched}: each {@code stations.status} with its station's info-latest row,
 *       status fields winning; a status of a station not in info-latest is counted, not emitted.</li>
 * </ul>
 * Stations and statuses are partitioned by station_id; regions are few, so every region is
 * broadcast to every partition. A task therefore holds everything a station needs, and a status is
 * enriched with the info processed just before it, not after a round trip through internal topics
 * (which, with a backlog, let statuses overtake their stations). A tombstone on {@code stations.info}
 * or {@code system.regions} deletes the station or region.
 */
public final class StationEnrichmentTopology implements StreamService {

    public static final String NAME = "station-enrichment";
    /** {@link RecordCounters} reason of a status whose station is not in stations.info.latest. */
    public static final String UNKNOWN_STATION = "unknown-station";
    /** {@link RecordCounters} reason of a tombstone on stations.status, a stream: it has nothing to delete. */
    public static final String STATUS_TOMBSTONE = "status-tombstone";

    static final Serde<StationInfo> INFO = JsonSerde.of(StationInfo.class);
    static final Serde<StationStatus> STATUS = JsonSerde.of(StationStatus.class);
    static final Serde<Region> REGION = JsonSerde.of(Region.class);
    static final Serde<StationInfoLatest> LATEST = JsonSerde.of(StationInfoLatest.class);
    static final Serde<StationEnriched> ENRICHED = JsonSerde.of(StationEnriched.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Keeps stations.info.latest (station info with its region name) and enriches every station status into stations.enriched";
    }

    /**
     * A status and its station's info sit in one task; when the info partition has nothing buffered
     * yet (start-up, a slow fetch) the task waits up to this long for it instead of enriching
     * against a table that is still filling, which would count the status as an unknown station.
     */
    static final String TASK_IDLE_MS = "1000";

    @Override
    public java.util.Map<String, String> streamsDefaults() {
        return java.util.Map.of(org.apache.kafka.streams.StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, TASK_IDLE_MS);
    }

    /** Reads the runtime's {@code topic.partitions} (default 6): the partitions of the stations topics, each of which gets every region. */
    @Override
    public Topology build(ServiceConfig config) {
        int partitions = config.intSetting("topic.partitions", Topics.PARTITIONS);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StationProcessors.LATEST_STORE),
                Serdes.String(), LATEST));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StationProcessors.REGIONS_STORE),
                Serdes.String(), REGION));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StationProcessors.BY_REGION_STORE),
                Serdes.String(), Serdes.String()));
        String[] stores = {StationProcessors.LATEST_STORE, StationProcessors.REGIONS_STORE, StationProcessors.BY_REGION_STORE};

        KStream<String, StationInfoLatest> fromRegions = Keys.fillMissing(
                        builder.stream(Topics.SYSTEM_REGIONS.name(), Consumed.with(Serdes.String(), REGION).withName("system-regions-source")),
                        Region::regionId, REGION, "system-regions", NAME)
                .repartition(Repartitioned.<String, Region>as("system-regions-broadcast")
                        .withKeySerde(Serdes.String()).withValueSerde(REGION)
                        .withNumberOfPartitions(partitions).withStreamPartitioner(new Broadcast<>()))
                .process(StationProcessors.RegionProcessor::new, Named.as("system-regions-apply"), stores);

        KStream<String, StationInfoLatest> fromInfo = Keys.fillMissing(
                        builder.stream(Topics.STATIONS_INFO.name(), Consumed.with(Serdes.String(), INFO).withName("stations-info-source")),
                        StationInfo::stationId, INFO, "stations-info", NAME)
                .process(StationProcessors.InfoProcessor::new, Named.as("stations-info-apply"), stores);

        fromInfo.merge(fromRegions, Named.as("stations-info-latest-changes"))
                .to(Topics.STATIONS_INFO_LATEST.name(), Produced.with(Serdes.String(), LATEST).withName("stations-info-latest-sink"));

        Keys.fillMissing(
                        builder.stream(Topics.STATIONS_STATUS.name(), Consumed.with(Serdes.String(), STATUS).withName("stations-status-source")),
                        StationStatus::stationId, STATUS, "stations-status", NAME)
                .process(StationProcessors.StatusProcessor::new, Named.as("stations-status-enrich"), StationProcessors.LATEST_STORE)
                .to(Topics.STATIONS_ENRICHED.name(), Produced.with(Serdes.String(), ENRICHED).withName("stations-enriched-sink"));

        return builder.build();
    }

    /** Sends each record to every partition. */
    static final class Broadcast<V> implements StreamPartitioner<String, V> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
    }
}
