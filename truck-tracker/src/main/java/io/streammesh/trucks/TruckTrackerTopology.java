package io.streammesh.trucks;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.query.QueryableTable;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.TruckTracker;
import io.streammesh.trucks.TrackerRows.TruckAtJob;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * truck-tracker: every {@code tradie_truck_location} record whose job is in the {@code joblocation}
 * table updates that job's row of {@code truck_tracker} (position, destination, distance in km, ETA in
 * seconds, updated_at), and the table is served over HTTP like the original's pull query
 * {@code SELECT * FROM TRUCK_TRACKER}: {@code GET /v1/tables/truck_tracker[/{jobId}]} from any
 * instance, {@code GET /trucks[/{jobId}]} as before (the runtime's query API, see {@link #tables()}).
 *
 * <p>{@code joblocation} is keyed by the suite's key rule ({@link Keys}). Truck positions are keyed by
 * the truck, so every one is re-keyed by its job_id and repartitioned before the join; the truck id it
 * carries on is the one the key rule gives (the value's {@code vehicle_id}, else the record key).
 *
 * <p>A stream-table join: a location update applies to the truck's next position, not
 * retroactively, and deleting a job's location leaves its last tracker row in place.
 */
public final class TruckTrackerTopology implements StreamService {

    /** The table's state store, served by the query API. */
    public static final String STORE = "truck-tracker-store";
    /** The joblocation table's state store. */
    public static final String JOBLOCATION_STORE = "joblocation-store";

    @Override
    public String name() {
        return "truck-tracker";
    }

    @Override
    public String description() {
        return "truck_tracker: each job's truck position with distance and ETA to the job, served at GET /v1/tables/truck_tracker[/{jobId}]";
    }

    @Override
    public Topology build(ServiceConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, JobLocation> locations = Keys.stream(builder, Topics.JOBLOCATION, config)
                .toTable(Named.as("joblocation-table"), Materialized.<String, JobLocation, KeyValueStore<Bytes, byte[]>>as(JOBLOCATION_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.JOBLOCATION.serde()));

        builder.stream(Topics.TRADIE_TRUCK_LOCATION.name(), Consumed.with(Serdes.String(), Topics.TRADIE_TRUCK_LOCATION.serde())
                        .withName("tradie-truck-location"))
                .map((key, truck) -> {
                    // first, so a tombstone or a position naming no truck is dead-lettered with the rule's reason
                    String truckId = Keys.keyFor(Topics.TRADIE_TRUCK_LOCATION, key, truck);
                    return KeyValue.pair(truck.jobId(), truck.reportedBy(truckId));
                }, Named.as("tradie-truck-location-select-job-id"))
                .repartition(Repartitioned.with(Serdes.String(), Topics.TRADIE_TRUCK_LOCATION.serde()).withName("tradie-truck-location-by-job-id"))
                .leftJoin(locations, TruckAtJob::new, Joined.with(Serdes.String(), Topics.TRADIE_TRUCK_LOCATION.serde(),
                        Topics.JOBLOCATION.serde()).withName("truck-joblocation-join"))
                .processValues(new TrackerRows(), Named.as("truck-tracker-row"))
                .toTable(Named.as("truck-tracker-table"), Materialized.<String, TruckTracker, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.TRUCK_TRACKER.serde()))
                .toStream(Named.as("truck-tracker-changes"))
                .to(Topics.TRUCK_TRACKER.name(), Produced.with(Serdes.String(), Topics.TRUCK_TRACKER.serde()).withName("truck-tracker"));
        return builder.build();
    }

    /** truck_tracker, also at its first route {@code /trucks}; and the joblocation table it keeps for the join. */
    @Override
    public List<QueryableTable<?>> tables() {
        return List.of(QueryableTable.of(Topics.TRUCK_TRACKER, STORE).alias("/trucks"),
                QueryableTable.of(Topics.JOBLOCATION, JOBLOCATION_STORE));
    }
}
