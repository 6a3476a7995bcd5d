package io.streammesh.stations;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.query.QueryableTable;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
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
 * Stations and statuses come through the key rule ({@link Keys#stream}), so both sit on the
 * partition of their station_id; regions are few, so every region is broadcast to every partition.
 * A task therefore holds everything a station needs, and a status is enriched with the info
 * processed just before it, not after a round trip through internal topics (which, with a backlog,
 * let statuses overtake their stations).
 */
public final class StationEnrichmentTopology implements StreamService {

    public static final String NAME = "station-enrichment";
    /** {@link RecordCounters} reason of a status whose station is not in stations.info.latest. */
    public static final String UNKNOWN_STATION = "unknown-station";

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
    public Map<String, String> streamsDefaults() {
        return Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, TASK_IDLE_MS);
    }

    /** stations.info.latest is the processors' station store: it holds exactly the rows the topic gets, as they are written. */
    @Override
    public List<QueryableTable<?>> tables() {
        return List.of(QueryableTable.of(Topics.STATIONS_INFO_LATEST, StationProcessors.LATEST_STORE));
    }

    @Override
    public Topology build(ServiceConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StationProcessors.LATEST_STORE),
                Serdes.String(), Topics.STATIONS_INFO_LATEST.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StationProcessors.REGIONS_STORE),
                Serdes.String(), Topics.SYSTEM_REGIONS.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StationProcessors.BY_REGION_STORE),
                Serdes.String(), Serdes.String()));
        String[] stores = {StationProcessors.LATEST_STORE, StationProcessors.REGIONS_STORE, StationProcessors.BY_REGION_STORE};

        // every task needs every region, so the broadcast reaches as many partitions as the stations have
        String regions = Keys.baseName(Topics.SYSTEM_REGIONS);
        KStream<String, StationInfoLatest> fromRegions = builder
                .stream(Topics.SYSTEM_REGIONS.name(), Consumed.with(Serdes.String(), Topics.SYSTEM_REGIONS.serde())
                        .withName(regions + "-source"))
                .selectKey((key, region) -> Keys.keyFor(Topics.SYSTEM_REGIONS, key, region, true), Named.as(regions + "-key"))
                .repartition(Repartitioned.<String, Region>as(regions + "-broadcast")
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.SYSTEM_REGIONS.serde())
                        .withNumberOfPartitions(config.inputPartitions(Topics.STATIONS_INFO.name()))
                        .withStreamPartitioner(new Broadcast<>()))
                .process(StationProcessors.RegionProcessor::new, Named.as(regions + "-apply"), stores);

        KStream<String, StationInfoLatest> fromInfo = Keys.changelog(builder, Topics.STATIONS_INFO, config)
                .process(StationProcessors.InfoProcessor::new, Named.as("stations-info-apply"), stores);

        fromInfo.merge(fromRegions, Named.as("stations-info-latest-changes"))
                .to(Topics.STATIONS_INFO_LATEST.name(), Produced.with(Serdes.String(), Topics.STATIONS_INFO_LATEST.serde())
                        .withName("stations-info-latest-sink"));

        Keys.stream(builder, Topics.STATIONS_STATUS, config)
                .process(StationProcessors.StatusProcessor::new, Named.as("stations-status-enrich"), StationProcessors.LATEST_STORE)
                .to(Topics.STATIONS_ENRICHED.name(), Produced.with(Serdes.String(), Topics.STATIONS_ENRICHED.serde())
                        .withName("stations-enriched-sink"));

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
