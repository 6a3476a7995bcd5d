package io.streammesh.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;

/**
 * The peers: each service's rule written as a user would write it by hand from the original ksqlDB
 * statement, in the plain Kafka Streams DSL with Jackson POJO serdes (mutable classes, public
 * fields, snake_case names), no key rule, no dead-letter logic of their own (the runtime's handlers
 * still apply, as for every workload). They write to {@code bench.peer.*} topics so a service's and
 * its peer's outputs are checked apart, and live in the bench only.
 */
final class Peers {

    static final String JOB_STATUS = "bench.peer.job_status";
    static final String STATIONS_ENRICHED = "bench.peer.stations.enriched";
    static final String TRUCK_TRACKER = "bench.peer.truck_tracker";
    static final String CUSTOMERS_ENRICHED = "bench.peer.customers.enriched";

    private Peers() {
    }

    /** The serde a user writes first: one ObjectMapper, snake_case, unknown fields ignored. */
    static final class JsonPojoSerde<T> implements Serde<T> {
        private static final ObjectMapper MAPPER = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        private final Class<T> type;

        JsonPojoSerde(Class<T> type) {
            this.type = type;
        }

        @Override
        public Serializer<T> serializer() {
            return (topic, value) -> {
                try {
                    return value == null ? null : MAPPER.writeValueAsBytes(value);
                } catch (IOException e) {
                    throw new SerializationException(e);
                }
            };
        }

        @Override
        public Deserializer<T> deserializer() {
            return (topic, bytes) -> {
                try {
                    return bytes == null ? null : MAPPER.readValue(bytes, type);
                } catch (IOException e) {
                    throw new SerializationException(e);
                }
            };
        }
    }

    static <T> JsonPojoSerde<T> json(Class<T> type) {
        return new JsonPojoSerde<>(type);
    }

    // ---- marketplace: CREATE STREAM job_status AS SELECT o.job_id, o.customer_id, o.service_option, j.price,
    //      o.price_quoted, CASE WHEN o.price_quoted >= j.price THEN 'ACCEPTED' ELSE 'REJECTED' END AS current_status
    //      FROM order_placed o INNER JOIN job_created j WITHIN 1 HOURS ON o.job_id = j.job_id;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Job {
        public long jobId;
        public String jobStartDate;
        public String jobEndDate;
        public long price;
        public String jobStatus;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Order {
        public long jobId;
        public String customerId;
        public String serviceOption;
        public String contractorId;
        public String location;
        public long priceQuoted;
    }

    public static final class Status {
        public long jobId;
        public String customerId;
        public String serviceOption;
        public long price;
        public long priceQuoted;
        public String currentStatus;
    }

    static final class JobStatusPeer implements StreamService {
        @Override
        public String name() {
            return "peer-marketplace-jobs";
        }

        @Override
        public String description() {
            return "job_status as a plain KStream-KStream join";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder b = new StreamsBuilder();
            var orders = b.stream(Topics.ORDER_PLACED.name(), Consumed.with(Serdes.String(), json(Order.class)));
            var jobs = b.stream(Topics.JOB_CREATED.name(), Consumed.with(Serdes.String(), json(Job.class)));
            orders.join(jobs, (o, j) -> {
                        Status s = new Status();
                        s.jobId = o.jobId;
                        s.customerId = o.customerId;
                        s.serviceOption = o.serviceOption;
                        s.price = j.price;
                        s.priceQuoted = o.priceQuoted;
                        s.currentStatus = o.priceQuoted >= j.price ? "ACCEPTED" : "REJECTED";
                        return s;
                    }, JoinWindows.ofTimeDifferenceAndGrace(Duration.ofHours(1), Duration.ofMinutes(5)),
                    StreamJoined.with(Serdes.String(), json(Order.class), json(Job.class)))
                    .to(JOB_STATUS, Produced.with(Serdes.String(), json(Status.class)));
            return b.build();
        }
    }

    // ---- stations: CREATE TABLE stations_info_latest AS SELECT s.*, r.name AS region_name FROM stations_info s
    //      LEFT JOIN regions r ON s.region_id = r.region_id ...;
    //      CREATE STREAM stations_enriched AS SELECT ... FROM stations_status st JOIN stations_info_latest i ON st.station_id = i.station_id;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class RegionPojo {
        public String regionId;
        public String name;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class StationInfoPojo {
        public String stationId;
        public String name;
        public String shortName;
        public double lat;
        public double lon;
        public String regionId;
        public String regionName;
        public int capacity;
        public List<String> rentalMethods;
        public boolean isVirtualStation;
        public boolean isChargingStation;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class StationStatusPojo {
        public String stationId;
        public int numBikesAvailable;
        public int numBikesDisabled;
        public int numDocksAvailable;
        public int numDocksDisabled;
        public boolean isInstalled;
        public boolean isRenting;
        public boolean isReturning;
        public long lastReported;
    }

    public static final class StationEnrichedPojo {
        public String stationId;
        public String name;
        public double lat;
        public double lon;
        public String regionId;
        public String regionName;
        public int capacity;
        public int numBikesAvailable;
        public int numBikesDisabled;
        public int numDocksAvailable;
        public int numDocksDisabled;
        public boolean isInstalled;
        public boolean isRenting;
        public boolean isReturning;
        public long lastReported;
    }

    static final class StationsPeer implements StreamService {
        @Override
        public String name() {
            return "peer-station-enrichment";
        }

        @Override
        public String description() {
            return "stations.enriched as a plain stream-table join (regions as a global table)";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder b = new StreamsBuilder();
            GlobalKTable<String, RegionPojo> regions = b.globalTable(Topics.SYSTEM_REGIONS.name(),
                    Consumed.with(Serdes.String(), json(RegionPojo.class)));
            KTable<String, StationInfoPojo> latest = b.stream(Topics.STATIONS_INFO.name(), Consumed.with(Serdes.String(), json(StationInfoPojo.class)))
                    .leftJoin(regions, (id, info) -> info.regionId, (info, region) -> {
                        info.regionName = region == null ? null : region.name;
                        return info;
                    })
                    .toTable(Materialized.with(Serdes.String(), json(StationInfoPojo.class)));
            b.stream(Topics.STATIONS_STATUS.name(), Consumed.with(Serdes.String(), json(StationStatusPojo.class)))
                    .join(latest, (st, i) -> {
                        StationEnrichedPojo e = new StationEnrichedPojo();
                        e.stationId = st.stationId;
                        e.name = i.name;
                        e.lat = i.lat;
                        e.lon = i.lon;
                        e.regionId = i.regionId;
                        e.regionName = i.regionName;
                        e.capacity = i.capacity;
                        e.numBikesAvailable = st.numBikesAvailable;
                        e.numBikesDisabled = st.numBikesDisabled;
                        e.numDocksAvailable = st.numDocksAvailable;
                        e.numDocksDisabled = st.numDocksDisabled;
                        e.isInstalled = st.isInstalled;
                        e.isRenting = st.isRenting;
                        e.isReturning = st.isReturning;
                        e.lastReported = st.lastReported;
                        return e;
                    }, Joined.with(Serdes.String(), json(StationStatusPojo.class), json(StationInfoPojo.class)))
                    .to(STATIONS_ENRICHED, Produced.with(Serdes.String(), json(StationEnrichedPojo.class)));
            return b.build();
        }
    }

    // ---- trucks: CREATE TABLE truck_tracker AS SELECT t.job_id, LATEST_BY_OFFSET(...), distance, eta
    //      FROM tradie_truck_location t LEFT JOIN joblocation j ON t.job_id = j.id GROUP BY t.job_id;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class JobLocationPojo {
        public String id;
        public String customerName;
        public String email;
        public String address;
        public double destLat;
        public double destLong;
        public long reportingTime;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class TruckPojo {
        public String jobId;
        public String state;
        public double lat;
        @com.fasterxml.jackson.annotation.JsonProperty("long")
        public double lon;
    }

    public static final class TrackerPojo {
        public String jobId;
        public String state;
        public double lat;
        @com.fasterxml.jackson.annotation.JsonProperty("long")
        public double lon;
        public Double destLat;
        public Double destLong;
        public Double distanceKm;
        public Double etaSeconds;
        public long updatedAt;
    }

    static final class TrucksPeer implements StreamService {
        @Override
        public String name() {
            return "peer-truck-tracker";
        }

        @Override
        public String description() {
            return "truck_tracker as a plain stream-table left join, re-keyed by job_id, into a table";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder b = new StreamsBuilder();
            KTable<String, JobLocationPojo> locations = b.table(Topics.JOBLOCATION.name(), Consumed.with(Serdes.String(), json(JobLocationPojo.class)));
            b.stream(Topics.TRADIE_TRUCK_LOCATION.name(), Consumed.with(Serdes.String(), json(TruckPojo.class)))
                    .selectKey((k, t) -> t.jobId)
                    .leftJoin(locations, (t, j) -> {
                        TrackerPojo r = new TrackerPojo();
                        r.jobId = t.jobId;
                        r.state = t.state;
                        r.lat = t.lat;
                        r.lon = t.lon;
                        if (j != null) {
                            r.destLat = j.destLat;
                            r.destLong = j.destLong;
                            r.distanceKm = haversineKm(t.lat, t.lon, j.destLat, j.destLong);
                            r.etaSeconds = r.distanceKm / 40.0 * 3600; // 40 km/h in town
                        }
                        r.updatedAt = System.currentTimeMillis();
                        return r;
                    }, Joined.with(Serdes.String(), json(TruckPojo.class), json(JobLocationPojo.class)))
                    .toTable(Materialized.with(Serdes.String(), json(TrackerPojo.class)))
                    .toStream()
                    .to(TRUCK_TRACKER, Produced.with(Serdes.String(), json(TrackerPojo.class)));
            return b.build();
        }

        static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
            double dLat = Math.toRadians(lat2 - lat1);
            double dLon = Math.toRadians(lon2 - lon1);
            double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                    + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
            return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
        }
    }

    // ---- customers: CREATE TABLE customers_enriched AS SELECT ... FROM customers_info i
    //      JOIN customers_demographics d ON i.customer_id = d.customer_id;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class CustomerInfoPojo {
        public String customerId;
        public String firstName;
        public String lastName;
        public String email;
        public String phoneNumber;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class DemographicsPojo {
        public String customerId;
        public int age;
        public String gender;
        public long income;
        public String educationLevel;
        public String maritalStatus;
    }

    public static final class CustomerEnrichedPojo {
        public String customerId;
        public String firstName;
        public String lastName;
        public String email;
        public String phoneNumber;
        public int age;
        public String gender;
        public long income;
        public String educationLevel;
        public String maritalStatus;
    }

    static final class CustomersPeer implements StreamService {
        @Override
        public String name() {
            return "peer-customer-enrichment";
        }

        @Override
        public String description() {
            return "customers.enriched as a plain KTable-KTable join";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder b = new StreamsBuilder();
            KTable<String, CustomerInfoPojo> info = b.table(Topics.CUSTOMERS_INFO.name(), Consumed.with(Serdes.String(), json(CustomerInfoPojo.class)));
            KTable<String, DemographicsPojo> demo = b.table(Topics.CUSTOMERS_DEMOGRAPHICS.name(),
                    Consumed.with(Serdes.String(), json(DemographicsPojo.class)));
            info.join(demo, (i, d) -> {
                        CustomerEnrichedPojo e = new CustomerEnrichedPojo();
                        e.customerId = i.customerId;
                        e.firstName = i.firstName;
                        e.lastName = i.lastName;
                        e.email = i.email;
                        e.phoneNumber = i.phoneNumber;
                        e.age = d.age;
                        e.gender = d.gender;
                        e.income = d.income;
                        e.educationLevel = d.educationLevel;
                        e.maritalStatus = d.maritalStatus;
                        return e;
                    })
                    .toStream()
                    .to(CUSTOMERS_ENRICHED, Produced.with(Serdes.String(), json(CustomerEnrichedPojo.class)));
            return b.build();
        }
    }

    /** A peer measured on its service's workload: same inputs, tables and latency events, its own output topic. */
    static final class PeerWorkload extends Workload {
        final Workload of;
        private final StreamService peer;
        private final String output;
        PeerWorkload(Workload of, StreamService peer, String output) {
            super(peer.name());
            this.of = of;
            this.peer = peer;
            this.output = output;
        }

        @Override
        List<TopicDef> topics() {
            List<TopicDef> defs = new java.util.ArrayList<>(of.topics());
            defs.add(new TopicDef(output, false));
            return defs;
        }

        @Override
        List<Input> tables(int scale, SampleRecords records) {
            return of.tables(scale, records);
        }

        @Override
        Iterable<Input> measured(int scale, SampleRecords records) {
            return of.measured(scale, records);
        }

        @Override
        List<String> measuredTopics() {
            return of.measuredTopics();
        }

        @Override
        long measuredCount(int scale) {
            return of.measuredCount(scale);
        }

        @Override
        Running start(String bootstrapServers, Path stateDir, String applicationId) {
            return Workloads.startStreams(peer, bootstrapServers, stateDir, applicationId);
        }

        @Override
        String latencyTopic() {
            return output;
        }

        @Override
        List<Input> latencyEvent(long seq, SampleRecords records) {
            return of.latencyEvent(seq, records);
        }

        @Override
        OutputCheck check(int scale) {
            return of.check(scale);
        }

        @Override
        String peerOf() {
            return of.name;
        }

        @Override
        List<String> outputTopics() {
            return List.of(output);
        }

        @Override
        StreamService topology() {
            return peer;
        }
    }
}
