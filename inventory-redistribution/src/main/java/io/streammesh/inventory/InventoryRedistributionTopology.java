package io.streammesh.inventory;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.query.QueryableTable;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
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
 * stations.enriched ─► key rule (station_id) ─► classify-station [station-availability]
 *      ├─► inventory.availability.high / .low   (row, or tombstone when the station leaves the set)
 *      └─► pairing-changes (repartition: sources to their owner, destinations to all)
 *             ─► match-pairs [pairing-sources, pairing-destinations, redistribution-pairs] ─► inventory.redistribution
 * </pre>
 * The per-station state lives on the station's partition: the key rule ({@link Keys#stream}) re-keys
 * a record whose key is missing or not its station_id, or that sits on another partition, first.
 */
public final class InventoryRedistributionTopology implements StreamService {

    public static final String NAME = "inventory-redistribution";
    public static final String STATION_STORE = "station-availability";
    public static final String SOURCES_STORE = "pairing-sources";
    public static final String DESTINATIONS_STORE = "pairing-destinations";
    public static final String PAIRING_CHANGES = "pairing-changes";
    /** The current pairs, written by the matcher with each pair it emits, for the query API. */
    public static final String PAIRS_STORE = "redistribution-pairs";

    private static final Serde<String> KEYS = Serdes.String();
    // what only this service reads (stores, pairing-changes) is binary; its public topics are the contract's JSON
    private static final Serde<Availability> STORED_ROWS = InternalSerdes.ROWS;
    private static final Serde<Member> MEMBERS = InternalSerdes.MEMBERS;
    private static final Serde<MembershipChange> CHANGES = InternalSerdes.CHANGES;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Classifies stations as high or low on bikes and pairs surplus stations with shortage stations of the same region";
    }

    /**
     * The three tables, from the stores as the processors write them: high and low are the two halves
     * of the per-station store; a pair lives with its source station (the matcher task that owns it),
     * so its key {@code <source>-<dest>} is looked up on the partition of a source id it may start with.
     */
    @Override
    public List<QueryableTable<?>> tables() {
        return List.of(
                QueryableTable.view(Topics.INVENTORY_AVAILABILITY_HIGH, STATION_STORE, Availability.class, Availability::high),
                QueryableTable.view(Topics.INVENTORY_AVAILABILITY_LOW, STATION_STORE, Availability.class, Availability::low),
                QueryableTable.of(Topics.INVENTORY_REDISTRIBUTION, PAIRS_STORE).partitionedBy(RedistributionPair::sources));
    }

    @Override
    public Topology build(ServiceConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATION_STORE), KEYS, STORED_ROWS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SOURCES_STORE), KEYS, MEMBERS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DESTINATIONS_STORE), KEYS, MEMBERS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAIRS_STORE), KEYS,
                Topics.INVENTORY_REDISTRIBUTION.serde()));

        Map<String, KStream<String, StationOutput>> outputs = Keys.stream(builder, Topics.STATIONS_ENRICHED, config)
                .process(() -> new StationStateProcessor(STATION_STORE), Named.as("classify-station"), STATION_STORE)
                .split(Named.as("station-"))
                .branch((id, out) -> out instanceof StationOutput.HighRow, Branched.as("high"))
                .branch((id, out) -> out instanceof StationOutput.LowRow, Branched.as("low"))
                .defaultBranch(Branched.as("membership"));

        outputs.get("station-high")
                .mapValues(out -> ((StationOutput.HighRow) out).row(), Named.as("high-row"))
                .to(Topics.INVENTORY_AVAILABILITY_HIGH.name(),
                        Produced.with(KEYS, Topics.INVENTORY_AVAILABILITY_HIGH.serde()).withName("availability-high"));
        outputs.get("station-low")
                .mapValues(out -> ((StationOutput.LowRow) out).row(), Named.as("low-row"))
                .to(Topics.INVENTORY_AVAILABILITY_LOW.name(),
                        Produced.with(KEYS, Topics.INVENTORY_AVAILABILITY_LOW.serde()).withName("availability-low"));

        outputs.get("station-membership")
                .mapValues(out -> ((StationOutput.Membership) out).change(), Named.as("membership-change"))
                .repartition(Repartitioned.with(KEYS, CHANGES).withName(PAIRING_CHANGES)
                        .withStreamPartitioner(new MembershipPartitioner()))
                .process(() -> new PairMatcherProcessor(SOURCES_STORE, DESTINATIONS_STORE, PAIRS_STORE), Named.as("match-pairs"),
                        SOURCES_STORE, DESTINATIONS_STORE, PAIRS_STORE)
                .to(Topics.INVENTORY_REDISTRIBUTION.name(),
                        Produced.with(KEYS, Topics.INVENTORY_REDISTRIBUTION.serde()).withName("redistribution"));
        return builder.build();
    }
}
