package io.streammesh.stations;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.json.JsonSerde;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.streams.Keys;
import io.streammesh.common.topics.Topics;
import io.streammesh.stations.model.Region;
import io.streammesh.stations.model.StationEnriched;
import io.streammesh.stations.model.StationInfo;
import io.streammesh.stations.model.StationInfoLatest;
import io.streammesh.stations.model.StationStatus;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * station-enrichment (spec, "station-enrichment"):
 * <ul>
 *   <li>{@code stations.info.latest} = latest {@code stations.info} per station left-joined, by
 *       foreign key, to the latest {@code system.regions} record of its region_id. The foreign-key
 *       join keeps a subscription store indexed by region, so a renamed region re-emits exactly
 *       its own stations.</li>
 *   <li>{@code stations.enriched} = each {@code stations.status} joined to info-latest; a status of
 *       a station not (yet) in info-latest is counted and not emitted.</li>
 * </ul>
 * A tombstone on {@code stations.info} or {@code system.regions} deletes the station or region.
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

    @Override
    public Topology build(ServiceConfig config) {
        StreamsBuilder builder = new StreamsBuilder();

        KTable<String, StationInfo> info = Keys.fillMissing(
                        builder.stream(Topics.STATIONS_INFO.name(), Consumed.with(Serdes.String(), INFO).withName("stations-info-source")),
                        StationInfo::stationId, INFO, "stations-info", NAME)
                .toTable(Named.as("stations-info-table"), store("stations-info", INFO));

        KTable<String, Region> regions = Keys.fillMissing(
                        builder.stream(Topics.SYSTEM_REGIONS.name(), Consumed.with(Serdes.String(), REGION).withName("system-regions-source")),
                        Region::regionId, REGION, "system-regions", NAME)
                .toTable(Named.as("system-regions-table"), store("system-regions", REGION));

        KTable<String, StationInfoLatest> latest = info.leftJoin(regions, StationInfo::regionId, StationEnricher::latest,
                TableJoined.as("stations-info-region"), store("stations-info-latest", LATEST));
        latest.toStream(Named.as("stations-info-latest-changes"))
                .to(Topics.STATIONS_INFO_LATEST.name(), Produced.with(Serdes.String(), LATEST).withName("stations-info-latest-sink"));

        KStream<String, StationStatus> status = Keys.fillMissing(
                builder.stream(Topics.STATIONS_STATUS.name(), Consumed.with(Serdes.String(), STATUS).withName("stations-status-source")),
                StationStatus::stationId, STATUS, "stations-status", NAME);
        status.filter((station, s) -> {
                    if (s == null) {
                        RecordCounters.dropped(NAME, STATUS_TOMBSTONE, station);
                        return false;
                    }
                    return true;
                }, Named.as("stations-status-drop-tombstones"))
                .leftJoin(latest, (s, station) -> station == null ? null : StationEnricher.enrich(station, s),
                        Joined.<String, StationStatus, StationInfoLatest>as("stations-status-info-join")
                                .withKeySerde(Serdes.String()).withValueSerde(STATUS).withOtherValueSerde(LATEST))
                .filter((station, enriched) -> {
                    if (enriched == null) {
                        RecordCounters.dropped(NAME, UNKNOWN_STATION, station);
                        return false;
                    }
                    return true;
                }, Named.as("stations-status-known-only"))
                .to(Topics.STATIONS_ENRICHED.name(), Produced.with(Serdes.String(), ENRICHED).withName("stations-enriched-sink"));

        return builder.build();
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(String name, Serde<V> serde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(name).withKeySerde(Serdes.String()).withValueSerde(serde);
    }
}
