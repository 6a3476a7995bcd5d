package io.streammesh.inventory;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import io.streammesh.inventory.model.RedistributionPair;
import io.streammesh.inventory.model.StationEnriched;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code stations.enriched} -> {@code inventory.availability.high}, {@code inventory.availability.low}
 * and {@code inventory.redistribution} (spec, section "inventory-redistribution").
 *
 * <pre>
 * stations.enriched ─┬─ key = station_id ──────────────────────────────┐
 *                    └─ key missing/other ─► stations-by-id (repartition)┴► classify-station [station-availability]
 *      ├─► inventory.availability.high / .low   (row, or tombstone when the station leaves the set)
 *      └─► pairing-changes (repartition: sources to their owner, destinations to all)
 *             ─► match-pairs [pairing-sources, pairing-destinations] ─► inventory.redistribution
 * </pre>
 */
public final class InventoryRedistributionTopology implements StreamService {

    public static final String STATION_STORE = "station-availability";
    public static final String SOURCES_STORE = "pairing-sources";
    public static final String DESTINATIONS_STORE = "pairing-destinations";
    public static final String STATIONS_BY_ID = "stations-by-id";
    public static final String PAIRING_CHANGES = "pairing-changes";

    private static final Serde<String> KEYS = Serdes.String();
    private static final JsonSerde<StationEnriched> STATIONS = JsonSerde.of(StationEnriched.class);
    private static final JsonSerde<Availability> ROWS = JsonSerde.of(Availability.class);
    // what only this service reads (stores, pairing-changes) is binary; its public topics are JSON
    private static final Serde<Availability> STORED_ROWS = InternalSerdes.ROWS;
    private static final Serde<Member> MEMBERS = InternalSerdes.MEMBERS;
    private static final Serde<MembershipChange> CHANGES = InternalSerdes.CHANGES;
    private static final JsonSerde<RedistributionPair> PAIRS = JsonSerde.of(RedistributionPair.class);

    @Override
    public String name() {
        return "inventory-redistribution";
    }

    @Override
    public String description() {
        return "Classifies stations as high or low on bikes and pairs surplus stations with shortage stations of the same region";
    }

    @Override
    public Topology build(ServiceConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATION_STORE), KEYS, STORED_ROWS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SOURCES_STORE), KEYS, MEMBERS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DESTINATIONS_STORE), KEYS, MEMBERS));

        // the per-station state must live on the station's partition: records whose key is not
        // their station_id (null keys from hand-written producers) are re-keyed first
        Map<String, KStream<String, StationEnriched>> byKey = builder
                .stream(Topics.STATIONS_ENRICHED.name(), Consumed.with(KEYS, STATIONS).withName("stations-enriched"))
                .split(Named.as("station-key-"))
                .branch((key, station) -> station != null && station.stationId().equals(key), Branched.as("ok"))
                .defaultBranch(Branched.as("other"));
        KStream<String, StationEnriched> rekeyed = byKey.get("station-key-other")
                .selectKey((key, station) -> stationIdOf(station), Named.as("key-by-station-id"))
                .repartition(Repartitioned.with(KEYS, STATIONS).withName(STATIONS_BY_ID));

        Map<String, KStream<String, StationOutput>> outputs = byKey.get("station-key-ok")
                .merge(rekeyed, Named.as("stations-by-station-id"))
                .process(() -> new StationStateProcessor(STATION_STORE), Named.as("classify-station"), STATION_STORE)
                .split(Named.as("station-"))
                .branch((id, out) -> out instanceof StationOutput.HighRow, Branched.as("high"))
                .branch((id, out) -> out instanceof StationOutput.LowRow, Branched.as("low"))
                .defaultBranch(Branched.as("membership"));

        outputs.get("station-high")
                .mapValues(out -> ((StationOutput.HighRow) out).row(), Named.as("high-row"))
                .to(Topics.INVENTORY_AVAILABILITY_HIGH.name(), Produced.with(KEYS, ROWS).withName("availability-high"));
        outputs.get("station-low")
                .mapValues(out -> ((StationOutput.LowRow) out).row(), Named.as("low-row"))
                .to(Topics.INVENTORY_AVAILABILITY_LOW.name(), Produced.with(KEYS, ROWS).withName("availability-low"));

        outputs.get("station-membership")
                .mapValues(out -> ((StationOutput.Membership) out).change(), Named.as("membership-change"))
                .repartition(Repartitioned.with(KEYS, CHANGES).withName(PAIRING_CHANGES)
                        .withStreamPartitioner(new MembershipPartitioner()))
                .process(() -> new PairMatcherProcessor(SOURCES_STORE, DESTINATIONS_STORE), Named.as("match-pairs"),
                        SOURCES_STORE, DESTINATIONS_STORE)
                .to(Topics.INVENTORY_REDISTRIBUTION.name(), Produced.with(KEYS, PAIRS).withName("redistribution"));
        return builder.build();
    }

    private static String stationIdOf(StationEnriched station) {
        if (station == null) {
            // stations.enriched is a stream: a record without a value says nothing about any station
            throw new IllegalArgumentException("the record has no value (stations.enriched is a stream, not a table)");
        }
        return station.stationId();
    }
}
