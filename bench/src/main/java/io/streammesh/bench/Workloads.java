package io.streammesh.bench;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The workloads of the issue: sizes are for scale 10 (the full run); {@code --quick} is scale 1,
 * ten times smaller.
 */
final class Workloads {

    static final int STATIONS = 10_000;
    static final int REGIONS = 20;
    static final int JOBS_FOR_TRUCKS = 10_000;
    static final String PASS_THROUGH_IN = "bench.passthrough.in";
    static final String PASS_THROUGH_OUT = "bench.passthrough.out";

    /** Set from {@code --streams-property}: the same for every Kafka Streams workload of the run. */
    static Map<String, String> streamsProperties = Map.of();

    private Workloads() {
    }

    /** Every workload whose service is on the classpath, in order, pass-through first. */
    static Map<String, Workload> all() {
        Map<String, StreamService> services = new LinkedHashMap<>();
        for (StreamService s : ServiceLoader.load(StreamService.class)) {
            services.put(s.name(), s);
        }
        // a workload that reads another's output topic runs first, so it is measured on its own input only
        // (inventory-redistribution reads stations.enriched, mongo-sink reads job_status)
        Map<String, Workload> result = new LinkedHashMap<>();
        result.put("pass-through", new PassThroughWorkload());
        if (services.containsKey("inventory-redistribution")) {
            result.put("inventory-redistribution", new InventoryRedistribution(services.get("inventory-redistribution")));
        }
        MongoSinkWorkload.create().ifPresent(w -> result.put("mongo-sink", w));
        if (services.containsKey("station-enrichment")) {
            result.put("station-enrichment", new StationEnrichment(services.get("station-enrichment")));
        }
        if (services.containsKey("customer-enrichment")) {
            result.put("customer-enrichment", new CustomerEnrichment(services.get("customer-enrichment")));
        }
        if (services.containsKey("marketplace-jobs")) {
            result.put("marketplace-jobs", new MarketplaceJobs(services.get("marketplace-jobs")));
        }
        if (services.containsKey("truck-tracker")) {
            result.put("truck-tracker", new TruckTracker(services.get("truck-tracker")));
        }
        // each service's hand-written peer, right after it
        Map<String, Workload> withPeers = new LinkedHashMap<>();
        for (Workload w : result.values()) {
            withPeers.put(w.name, w);
            Workload peer = switch (w.name) {
                case "station-enrichment" -> new Peers.PeerWorkload(w, new Peers.StationsPeer(), Peers.STATIONS_ENRICHED);
                case "customer-enrichment" -> new Peers.PeerWorkload(w, new Peers.CustomersPeer(), Peers.CUSTOMERS_ENRICHED);
                case "marketplace-jobs" -> new Peers.PeerWorkload(w, new Peers.JobStatusPeer(), Peers.JOB_STATUS);
                case "truck-tracker" -> new Peers.PeerWorkload(w, new Peers.TrucksPeer(), Peers.TRUCK_TRACKER);
                default -> null;
            };
            if (peer != null) {
                withPeers.put(peer.name, peer);
            }
        }
        return withPeers;
    }

    static List<Workload.TopicDef> defs(Object... nameAndCompacted) {
        List<Workload.TopicDef> defs = new ArrayList<>();
        for (Object o : nameAndCompacted) {
            String name = o.toString();
            defs.add(new Workload.TopicDef(name, Topics.find(name).map(t -> t.isTable()).orElse(false)));
        }
        return defs;
    }

    /** Runs a Kafka Streams service through the suite's runtime, with the suite's defaults (exactly-once v2). */
    static Workload.Running startStreams(StreamService service, String bootstrap, Path stateDir, String applicationId) {
        Map<String, String> kafka = new LinkedHashMap<>(streamsProperties);
        kafka.put("bootstrap.servers", bootstrap);
        kafka.put("application.id", applicationId);
        ServiceConfig config = ServiceConfig.of(kafka, Map.of("http.port", "0", "state.dir", stateDir.toString()));
        ServiceRuntime runtime = ServiceRuntime.start(service, config);
        return new Workload.Running() {
            @Override
            public String groupId() {
                return applicationId;
            }

            @Override
            public void close() {
                runtime.close();
            }
        };
    }

    /** The ceiling: consume and produce the same bytes, same partitions, same exactly-once and commit interval. */
    static final class PassThrough implements StreamService {
        @Override
        public String name() {
            return "pass-through";
        }

        @Override
        public String description() {
            return "copies station statuses (the station-enrichment input) unchanged";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(PASS_THROUGH_IN, Consumed.with(Serdes.Bytes(), Serdes.Bytes()))
                    .to(PASS_THROUGH_OUT, Produced.with(Serdes.Bytes(), Serdes.Bytes()));
            return builder.build();
        }
    }

    /** A stations.status stream of 10,000 stations: the station-enrichment input, and the pass-through's copy of it. */
    static Iterable<Workload.Input> statuses(String topic, int scale, SampleRecords r) {
        long n = 100_000L * scale;
        return Workload.generate(n, i -> {
            int station = (int) (i % STATIONS);
            return new Workload.Input(topic, SampleRecords.stationId(station),
                    r.stationStatus(station, 1_700_000_000L + i / STATIONS * 60));
        });
    }

    static final class PassThroughWorkload extends Workload {
        PassThroughWorkload() {
            super("pass-through");
        }

        @Override
        List<TopicDef> topics() {
            return defs(PASS_THROUGH_IN, PASS_THROUGH_OUT);
        }

        @Override
        Iterable<Input> measured(int scale, SampleRecords records) {
            return statuses(PASS_THROUGH_IN, scale, records);
        }

        @Override
        List<String> measuredTopics() {
            return List.of(PASS_THROUGH_IN);
        }

        @Override
        long measuredCount(int scale) {
            return 100_000L * scale;
        }

        @Override
        Running start(String bootstrap, Path stateDir, String applicationId) {
            return startStreams(new PassThrough(), bootstrap, stateDir, applicationId);
        }

        @Override
        OutputCheck check(int scale) {
            return Checks.count(100_000L * scale);
        }

        @Override
        String latencyTopic() {
            return PASS_THROUGH_OUT;
        }

        @Override
        List<Input> latencyEvent(long seq, SampleRecords r) {
            int station = (int) (seq % STATIONS);
            return List.of(new Input(PASS_THROUGH_IN, SampleRecords.stationId(station), r.stationStatus(station, seq)));
        }

        @Override
        StreamService topology() {
            return new PassThrough();
        }
    }

    /** A workload of one of the suite's Kafka Streams services: started through the runtime, measured topology-only too. */
    abstract static class StreamsWorkload extends Workload {
        private final StreamService service;

        StreamsWorkload(StreamService service) {
            super(service.name());
            this.service = service;
        }

        @Override
        Running start(String bootstrap, Path stateDir, String applicationId) {
            return startStreams(service, bootstrap, stateDir, applicationId);
        }

        @Override
        StreamService topology() {
            return service;
        }
    }

    static final class StationEnrichment extends StreamsWorkload {
        StationEnrichment(StreamService service) {
            super(service);
        }

        @Override
        List<TopicDef> topics() {
            return defs(Topics.SYSTEM_REGIONS.name(), Topics.STATIONS_INFO.name(), Topics.STATIONS_STATUS.name(),
                    Topics.STATIONS_INFO_LATEST.name(), Topics.STATIONS_ENRICHED.name());
        }

        @Override
        List<Input> tables(int scale, SampleRecords r) {
            List<Input> inputs = new ArrayList<>();
            for (int i = 0; i < REGIONS; i++) {
                inputs.add(new Input(Topics.SYSTEM_REGIONS.name(), SampleRecords.regionId(i), r.region(i)));
            }
            for (int i = 0; i < STATIONS; i++) {
                inputs.add(new Input(Topics.STATIONS_INFO.name(), SampleRecords.stationId(i), r.stationInfo(i, REGIONS)));
            }
            return inputs;
        }

        @Override
        Iterable<Input> measured(int scale, SampleRecords records) {
            return statuses(Topics.STATIONS_STATUS.name(), scale, records);
        }

        @Override
        List<String> measuredTopics() {
            return List.of(Topics.STATIONS_STATUS.name());
        }

        @Override
        long measuredCount(int scale) {
            return 100_000L * scale;
        }


        /** Every status is of a known station: one enriched record each. */
        @Override
        OutputCheck check(int scale) {
            return Checks.count(100_000L * scale);
        }

        @Override
        String latencyTopic() {
            return Topics.STATIONS_ENRICHED.name();
        }

        @Override
        List<Input> latencyEvent(long seq, SampleRecords r) {
            int station = (int) (seq % STATIONS);
            return List.of(new Input(Topics.STATIONS_STATUS.name(), SampleRecords.stationId(station), r.stationStatus(station, seq)));
        }

    }

    static final class CustomerEnrichment extends StreamsWorkload {
        CustomerEnrichment(StreamService service) {
            super(service);
        }

        @Override
        List<TopicDef> topics() {
            return defs(Topics.CUSTOMERS_INFO.name(), Topics.CUSTOMERS_DEMOGRAPHICS.name(), Topics.CUSTOMERS_ENRICHED.name());
        }

        /** Half info, half demographics, interleaved, for 100,000 customers at scale 10. */
        @Override
        Iterable<Input> measured(int scale, SampleRecords r) {
            long customers = 10_000L * scale;
            return generate(100_000L * scale, i -> {
                int c = (int) ((i / 2) % customers);
                return i % 2 == 0
                        ? new Input(Topics.CUSTOMERS_INFO.name(), String.valueOf(c), r.customerInfo(c))
                        : new Input(Topics.CUSTOMERS_DEMOGRAPHICS.name(), String.valueOf(c), r.customerDemographics(c));
            });
        }

        @Override
        List<String> measuredTopics() {
            return List.of(Topics.CUSTOMERS_INFO.name(), Topics.CUSTOMERS_DEMOGRAPHICS.name());
        }

        @Override
        long measuredCount(int scale) {
            return 100_000L * scale;
        }


        /** Every customer has both sides: one row per customer, whose last value carries that customer's contact. */
        @Override
        OutputCheck check(int scale) {
            return Checks.table(10_000L * scale, (key, value) -> value.contains("customer" + key + "@example.com"),
                    "carries the customer's own email");
        }

        @Override
        String latencyTopic() {
            return Topics.CUSTOMERS_ENRICHED.name();
        }

        @Override
        List<Input> latencyEvent(long seq, SampleRecords r) {
            int c = (int) (seq % 10_000);
            return List.of(new Input(Topics.CUSTOMERS_DEMOGRAPHICS.name(), String.valueOf(c), r.customerDemographics(c)));
        }

    }

    static final class InventoryRedistribution extends StreamsWorkload {
        InventoryRedistribution(StreamService service) {
            super(service);
        }

        @Override
        List<TopicDef> topics() {
            return defs(Topics.STATIONS_ENRICHED.name(), Topics.INVENTORY_AVAILABILITY_HIGH.name(),
                    Topics.INVENTORY_AVAILABILITY_LOW.name(), Topics.INVENTORY_REDISTRIBUTION.name());
        }

        /** 20,000 station updates per scale unit (200,000 at scale 10) over 10,000 stations in 20 regions. */
        @Override
        Iterable<Input> measured(int scale, SampleRecords r) {
            return generate(20_000L * scale, i -> {
                int station = (int) (i % STATIONS);
                return new Input(Topics.STATIONS_ENRICHED.name(), SampleRecords.stationId(station),
                        r.stationEnriched(station, REGIONS, 1_700_000_000L + i));
            });
        }

        @Override
        List<String> measuredTopics() {
            return List.of(Topics.STATIONS_ENRICHED.name());
        }

        @Override
        long measuredCount(int scale) {
            return 20_000L * scale;
        }


        @Override
        boolean freshInput() {
            return true;
        }

        @Override
        OutputCheck check(int scale) {
            return Checks.sameFinalTable(name + "@" + scale);
        }

        @Override
        String latencyTopic() {
            return Topics.INVENTORY_REDISTRIBUTION.name();
        }

        @Override
        List<Input> latencyEvent(long seq, SampleRecords r) {
            int station = r.nextInt(STATIONS);
            return List.of(new Input(Topics.STATIONS_ENRICHED.name(), SampleRecords.stationId(station),
                    r.stationEnriched(station, REGIONS, seq)));
        }

    }

    static final class MarketplaceJobs extends StreamsWorkload {
        MarketplaceJobs(StreamService service) {
            super(service);
        }

        @Override
        List<TopicDef> topics() {
            return defs(Topics.JOB_CREATED.name(), Topics.ORDER_PLACED.name(), Topics.JOB_STATUS.name());
        }

        /** 100,000 job pairs per scale unit (1,000,000 at scale 10): the job, then its order, ~30% quoted below price. */
        @Override
        Iterable<Input> measured(int scale, SampleRecords r) {
            return generate(200_000L * scale, i -> {
                long job = i / 2;
                long price = 100 + job % 400;
                return i % 2 == 0
                        ? new Input(Topics.JOB_CREATED.name(), String.valueOf(job), r.jobCreated(job, price))
                        : new Input(Topics.ORDER_PLACED.name(), String.valueOf(job),
                        r.orderPlaced(job, job % 10 < 3 ? price - 10 : price + job % 50));
            });
        }

        @Override
        List<String> measuredTopics() {
            return List.of(Topics.JOB_CREATED.name(), Topics.ORDER_PLACED.name());
        }

        @Override
        long measuredCount(int scale) {
            return 200_000L * scale;
        }


        /** One result per pair; the pairs with job_id % 10 < 3 are quoted 10 below the price, exactly 30% REJECTED. */
        @Override
        OutputCheck check(int scale) {
            return Checks.countContaining(100_000L * scale, "\"REJECTED\"", 30_000L * scale);
        }

        @Override
        String latencyTopic() {
            return Topics.JOB_STATUS.name();
        }

        @Override
        List<Input> latencyEvent(long seq, SampleRecords r) {
            long job = 50_000_000L + seq / 2;
            return List.of(seq % 2 == 0
                    ? new Input(Topics.JOB_CREATED.name(), String.valueOf(job), r.jobCreated(job, 200))
                    : new Input(Topics.ORDER_PLACED.name(), String.valueOf(job), r.orderPlaced(job, 210)));
        }

    }

    static final class TruckTracker extends StreamsWorkload {
        TruckTracker(StreamService service) {
            super(service);
        }

        @Override
        List<TopicDef> topics() {
            return defs(Topics.JOBLOCATION.name(), Topics.TRADIE_TRUCK_LOCATION.name(), Topics.TRUCK_TRACKER.name());
        }

        @Override
        List<Input> tables(int scale, SampleRecords r) {
            List<Input> inputs = new ArrayList<>();
            for (long job = 0; job < JOBS_FOR_TRUCKS; job++) {
                inputs.add(new Input(Topics.JOBLOCATION.name(), String.valueOf(job), r.jobLocation(job)));
            }
            return inputs;
        }

        /** 100,000 truck positions per scale unit (1,000,000 at scale 10) for 10,000 jobs, one truck per job. */
        @Override
        Iterable<Input> measured(int scale, SampleRecords r) {
            return generate(100_000L * scale, i -> {
                long job = i % JOBS_FOR_TRUCKS;
                return new Input(Topics.TRADIE_TRUCK_LOCATION.name(), "truck-" + job, r.truckPosition(job, (int) (i / JOBS_FOR_TRUCKS)));
            });
        }

        @Override
        List<String> measuredTopics() {
            return List.of(Topics.TRADIE_TRUCK_LOCATION.name());
        }

        @Override
        long measuredCount(int scale) {
            return 100_000L * scale;
        }


        /** One row per job, each with its job's destination (every job has a location). */
        @Override
        OutputCheck check(int scale) {
            return Checks.table(JOBS_FOR_TRUCKS, (key, value) -> value.contains("\"dest_lat\":-33."), "has its job's destination");
        }

        @Override
        String latencyTopic() {
            return Topics.TRUCK_TRACKER.name();
        }

        @Override
        List<Input> latencyEvent(long seq, SampleRecords r) {
            long job = seq % JOBS_FOR_TRUCKS;
            return List.of(new Input(Topics.TRADIE_TRUCK_LOCATION.name(), "truck-" + job, r.truckPosition(job, (int) (seq % 1000))));
        }

    }
}
