package io.streammesh.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.customers.CustomerEnrichmentTopology;
import io.streammesh.inventory.InventoryRedistributionTopology;
import io.streammesh.marketplace.MarketplaceJobsTopology;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.ReplayRecord;
import io.streammesh.producers.ProducersApp;
import io.streammesh.producers.marketplace.MarketplaceGenerator;
import io.streammesh.stations.StationEnrichmentTopology;
import io.streammesh.trucks.TruckTrackerTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The records every run writes, the same bytes whichever client writes them: the generators' own
 * recordings ({@code --to-file}, fixed seeds), with the key of a third of the streams' entities left out and a
 * quarter of the records written with upper-case field names (as the ksqlDB walkthrough's Python
 * producers did), and what the services make of them offline ({@link ServiceTestDriver}), which is
 * what every run on the broker must end with.
 */
final class InteropData {

    /** One record as a client writes it: {@code key} null for none, {@code value} the JSON text. */
    record Input(String topic, String key, String value) {
    }

    /**
     * Inputs written together, once the services processed the batch before; {@code stopFirst}
     * stops before it is written: a service whose input another service is about to write.
     */
    record Batch(List<Topic<?>> topics, List<StreamService> stopFirst) {
    }

    /**
     * The inputs where each record makes its own output (a status its enriched record, an order and
     * its job their status, a position its tracker row). Elsewhere the latest record per key counts,
     * and a producer that sends no key gets no order per key (its records spread over the
     * partitions), so an entity sent without a key is sent once there: its last record.
     */
    static final Set<Topic<?>> EVERY_RECORD_COUNTS = Set.of(Topics.STATIONS_STATUS, Topics.ORDER_PLACED, Topics.JOB_CREATED,
            Topics.TRADIE_TRUCK_LOCATION);

    static final StreamService INVENTORY = new InventoryRedistributionTopology();
    static final StreamService STATIONS = new StationEnrichmentTopology();
    static final List<StreamService> SERVICES = List.of(INVENTORY, new CustomerEnrichmentTopology(), new MarketplaceJobsTopology(),
            new TruckTrackerTopology(), STATIONS);

    /**
     * Reference data first: a position joins the joblocation table, and a status the station's
     * info, as they are when it arrives. inventory-redistribution reads the client's stations.enriched,
     * so it stops before the statuses make station-enrichment write its own.
     */
    static final List<Batch> BATCHES = List.of(
            new Batch(List.of(Topics.STATIONS_ENRICHED, Topics.CUSTOMERS_INFO, Topics.CUSTOMERS_DEMOGRAPHICS, Topics.JOB_CREATED,
                    Topics.ORDER_PLACED, Topics.JOBLOCATION, Topics.SYSTEM_REGIONS, Topics.STATIONS_INFO), List.of()),
            new Batch(List.of(Topics.TRADIE_TRUCK_LOCATION, Topics.STATIONS_STATUS), List.of(INVENTORY)));

    /** The marketplace generator's settings: what it records, and the status it intends for each job (the check of job_status). */
    static final MarketplaceGenerator.Settings MARKETPLACE = new MarketplaceGenerator.Settings(11, 500_000, 0.3, Duration.ofMinutes(3), 0);
    static final int JOBS = 240;

    private static final long START = 1_751_371_200_000L; // 2025-07-01T12:00:00Z, the offline runs' clock

    private final Map<Topic<?>, List<Input>> inputs = new LinkedHashMap<>();
    private final Outputs expected = new Outputs();
    private final Set<String> jobs = new TreeSet<>();
    private final Set<String> jobsWithTruck = new TreeSet<>();
    private final Set<String> keyedTrucksJobs = new TreeSet<>();

    private InteropData() {
    }

    /** Records the generators into {@code dir} and derives everything from them. */
    static InteropData generate(Path dir) throws IOException {
        InteropData data = new InteropData();
        Map<String, List<ReplayRecord>> recorded = new LinkedHashMap<>();
        record(dir, "gbfs-sim", recorded, "--stations", "48", "--regions", "3", "--tick", "60s", "--duration", "10m",
                "--info-every", "1h", "--start", "2025-07-01T12:00:00Z", "--seed", "7");
        record(dir, "customers", recorded, "--customers", "48", "--updates", "8", "--rounds", "4", "--seed", "7");
        record(dir, "marketplace", recorded, "--count", String.valueOf(JOBS), "--seed", String.valueOf(MARKETPLACE.seed()),
                "--first-job-id", String.valueOf(MARKETPLACE.firstJobId()),
                "--below-price-share", String.valueOf(MARKETPLACE.belowPriceShare()),
                "--max-order-delay", MARKETPLACE.maxOrderDelay().toSeconds() + "s",
                "--null-key-share", String.valueOf(MARKETPLACE.nullKeyShare()));
        record(dir, "trucks", recorded, "--trucks", "24", "--trip-ticks", "8", "--tick", "1s", "--first-job-id", "700000",
                "--seed", "3");

        for (Topic<?> topic : List.of(Topics.SYSTEM_REGIONS, Topics.STATIONS_INFO, Topics.STATIONS_STATUS)) {
            data.inputs.put(topic, asWritten(topic, recorded.get(topic.name())));
        }
        // inventory-redistribution's input: what station-enrichment makes of the same stations, offline
        List<ReplayRecord> enriched = new ArrayList<>();
        List<ServiceTestDriver.Output> fromStations = data.replay(STATIONS);
        for (ServiceTestDriver.Output o : fromStations) {
            if (o.topic().equals(Topics.STATIONS_ENRICHED.name())) {
                enriched.add(new ReplayRecord(o.topic(), o.key(), o.value(), o.timestamp()));
            }
        }
        data.inputs.put(Topics.STATIONS_ENRICHED, asWritten(Topics.STATIONS_ENRICHED, enriched));
        for (Topic<?> topic : List.of(Topics.CUSTOMERS_INFO, Topics.CUSTOMERS_DEMOGRAPHICS, Topics.JOB_CREATED, Topics.ORDER_PLACED,
                Topics.JOBLOCATION)) {
            data.inputs.put(topic, asWritten(topic, recorded.get(topic.name())));
        }
        // every fifth job's truck never reports: those jobs must get no tracker row
        List<ReplayRecord> positions = recorded.get(Topics.TRADIE_TRUCK_LOCATION.name()).stream()
                .filter(r -> Long.parseLong(Json.tree(r.value()).get("job_id").asText()) % 5 != 0).toList();
        data.inputs.put(Topics.TRADIE_TRUCK_LOCATION, asWritten(Topics.TRADIE_TRUCK_LOCATION, positions));

        data.inputs.get(Topics.JOB_CREATED).forEach(r -> data.jobs.add(field(Json.tree(r.value()), "job_id").asText()));
        for (Input position : data.inputs.get(Topics.TRADIE_TRUCK_LOCATION)) {
            String job = field(Json.tree(position.value()), "job_id").asText();
            data.jobsWithTruck.add(job);
            if (position.key() != null) {
                data.keyedTrucksJobs.add(job);
            }
        }
        for (StreamService service : SERVICES) {
            (service == STATIONS ? fromStations : data.replay(service)).forEach(o -> data.expected.add(o.topic(), o.key(), o.value()));
        }
        return data;
    }

    List<Input> of(Topic<?> topic) {
        return inputs.get(topic);
    }

    Map<Topic<?>, List<Input>> all() {
        return inputs;
    }

    /** What the services end with, offline. */
    Outputs expected() {
        return expected;
    }

    Set<String> jobs() {
        return jobs;
    }

    /** The status the generator meant each job to get. */
    Map<Long, String> intendedStatuses() {
        return MarketplaceGenerator.intendedStatuses(MARKETPLACE, JOBS);
    }

    Set<String> jobsWithTruck() {
        return jobsWithTruck;
    }

    /** Jobs whose truck sends its key: their positions stay in order, so their last row is the truck's last position. */
    Set<String> jobsWithKeyedTruck() {
        return keyedTrucksJobs;
    }

    private static void record(Path dir, String generator, Map<String, List<ReplayRecord>> into, String... options) throws IOException {
        Path file = dir.resolve(generator + ".jsonl");
        List<String> args = new ArrayList<>(List.of(generator, "--to-file", file.toString(), "--summary-every", "1h"));
        args.addAll(List.of(options));
        int rc = ProducersApp.run(args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("producers " + generator + " exited with " + rc);
        }
        for (String line : Files.readAllLines(file)) {
            ReplayRecord r = ReplayRecord.parse(line);
            into.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
        }
    }

    /**
     * The records of one topic as the clients write them. An entity (the recorded key) goes without
     * its key when {@code (topic/key).hashCode()} is divisible by 3 (never on a table's topic), so
     * one job's order and its job record may differ; a position then names its truck in the value,
     * as the contract asks of producers that send no key. Every fourth record has upper-case field
     * names.
     */
    private static List<Input> asWritten(Topic<?> topic, List<ReplayRecord> recorded) {
        Set<String> lastOnly = new LinkedHashSet<>();
        List<ReplayRecord> kept = new ArrayList<>(recorded);
        if (!EVERY_RECORD_COUNTS.contains(topic)) {
            // keep the last record of each entity sent without its key
            Map<String, Integer> last = new LinkedHashMap<>();
            for (int i = 0; i < kept.size(); i++) {
                if (unkeyed(topic, kept.get(i).key())) {
                    last.put(kept.get(i).key(), i);
                    lastOnly.add(kept.get(i).key());
                }
            }
            List<ReplayRecord> filtered = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                String key = kept.get(i).key();
                if (!lastOnly.contains(key) || last.get(key) == i) {
                    filtered.add(kept.get(i));
                }
            }
            kept = filtered;
        }
        List<Input> written = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            ReplayRecord r = kept.get(i);
            boolean noKey = unkeyed(topic, r.key());
            ObjectNode value = (ObjectNode) Json.tree(r.value());
            if (noKey && topic.equals(Topics.TRADIE_TRUCK_LOCATION)) {
                value.put("vehicle_id", r.key());
            }
            written.add(new Input(topic.name(), noKey ? null : r.key(), (i % 4 == 1 ? upperCase(value) : value).toString()));
        }
        return written;
    }

    /** A table's topic is compacted, and a compacted topic rejects records without a key: they are always keyed. */
    private static boolean unkeyed(Topic<?> topic, String entity) {
        return !topic.isTable() && Math.floorMod((topic.name() + "/" + entity).hashCode(), 3) == 0;
    }

    /** Upper-case names of the value's own fields; nested objects (maps of vehicle types) are data and stay as they are. */
    private static ObjectNode upperCase(ObjectNode value) {
        ObjectNode upper = Json.MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            upper.set(field.getKey().toUpperCase(Locale.ROOT), field.getValue());
        }
        return upper;
    }

    /** A field of a value written with either case. */
    static JsonNode field(JsonNode value, String name) {
        JsonNode lower = value.get(name);
        return lower != null ? lower : value.get(name.toUpperCase(Locale.ROOT));
    }

    /** {@code service} offline, fed its inputs batch by batch; everything it emits. */
    private List<ServiceTestDriver.Output> replay(StreamService service) {
        List<ServiceTestDriver.Output> out = new ArrayList<>();
        Set<String> reads = TopologyTopics.of(service.build(ServiceConfig.empty())).inputs();
        try (ServiceTestDriver driver = ServiceTestDriver.of(service)) {
            long time = START;
            for (Batch batch : BATCHES) {
                for (Topic<?> topic : batch.topics()) {
                    if (reads.contains(topic.name())) {
                        for (Input r : inputs.getOrDefault(topic, List.of())) {
                            driver.pipeJson(r.topic(), r.key(), r.value(), time);
                            time += 100;
                        }
                    }
                }
            }
            for (ServiceTestDriver.Output o : driver.drain()) {
                if (o.topic().equals(driver.deadLetterTopic())) {
                    throw new IllegalStateException(service.name() + " dead-lettered an input offline, the data set is broken: " + o);
                }
                out.add(o);
            }
        }
        return out;
    }
}
