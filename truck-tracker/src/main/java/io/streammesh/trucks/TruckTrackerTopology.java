package io.streammesh.trucks;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.common.runtime.HttpRoute;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import io.streammesh.trucks.TrackerRows.TruckAtJob;
import io.streammesh.trucks.model.JobLocation;
import io.streammesh.trucks.model.TruckLocation;
import io.streammesh.trucks.model.TruckTracker;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
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
 * {@code SELECT * FROM TRUCK_TRACKER}: {@code GET /trucks} and {@code GET /trucks/{jobId}}, from any
 * instance (see {@link TruckQueries}).
 *
 * <p>A stream-table join: a location update applies to the truck's next position, not
 * retroactively, and deleting a job's location leaves its last tracker row in place.
 */
public final class TruckTrackerTopology implements StreamService {

    /** The table's state store, queried by the HTTP routes. */
    public static final String STORE = "truck-tracker-store";
    /** The joblocation table's state store. */
    public static final String JOBLOCATION_STORE = "joblocation-store";

    private static final JsonSerde<JobLocation> LOCATION = JsonSerde.of(JobLocation.class);
    private static final JsonSerde<TruckLocation> TRUCK = JsonSerde.of(TruckLocation.class);
    private static final JsonSerde<TruckTracker> ROW = JsonSerde.of(TruckTracker.class);

    @Override
    public String name() {
        return "truck-tracker";
    }

    @Override
    public String description() {
        return "truck_tracker: each job's truck position with distance and ETA to the job, served at GET /trucks[/{jobId}]";
    }

    @Override
    public Topology build(ServiceConfig config) {
        String applicationId = config.kafka().getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, name());
        StreamsBuilder builder = new StreamsBuilder();

        KTable<String, JobLocation> locations = JobLocationKeys.byJobId(
                        builder.stream(Topics.JOBLOCATION.name(), Consumed.with(Serdes.String(), LOCATION).withName("joblocation")),
                        LOCATION)
                .toTable(Named.as("joblocation-table"), Materialized.<String, JobLocation, KeyValueStore<Bytes, byte[]>>as(JOBLOCATION_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(LOCATION));

        builder.stream(Topics.TRADIE_TRUCK_LOCATION.name(), Consumed.with(Serdes.String(), TRUCK).withName("tradie-truck-location"))
                .map((truckId, truck) -> new org.apache.kafka.streams.KeyValue<>(truck.jobId(), truck.reportedBy(truckId)),
                        Named.as("tradie-truck-location-select-job-id"))
                .repartition(Repartitioned.with(Serdes.String(), TRUCK).withName("tradie-truck-location-by-job-id"))
                .leftJoin(locations, TruckAtJob::new, Joined.with(Serdes.String(), TRUCK, LOCATION).withName("truck-joblocation-join"))
                .processValues(new TrackerRows(applicationId), Named.as("truck-tracker-row"))
                .toTable(Named.as("truck-tracker-table"), Materialized.<String, TruckTracker, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(ROW))
                .toStream(Named.as("truck-tracker-changes"))
                .to(Topics.TRUCK_TRACKER.name(), Produced.with(Serdes.String(), ROW).withName("truck-tracker"));
        return builder.build();
    }

    @Override
    public List<HttpRoute> routes(KafkaStreams streams, ServiceConfig config) {
        return List.of(new HttpRoute(TruckQueries.PATH,
                new TruckQueries(streams, STORE, config.setting("http.advertised.host", "localhost"))));
    }
}
