package io.streammesh.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.EmbeddedMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite (issue 16, items 1, 2 and the measuring part of 7), in one pipeline run: the
 * broker as a child process, two instances of every service and of the sink as {@code java -jar}
 * processes sharing their application.id, inputs produced live by the producers' generators. During
 * the run: every service's first instance is killed (-9) and restarted, the broker is killed (-9) and
 * restarted on its data, every second instance is killed and comes back only after the group
 * recovered without it, and MongoDB is down for 60 s while the sink's first instance and every
 * other first instance are killed again. Then a read_committed reader compares every output with an
 * expectation computed from the generated records ({@link Expected}), and every input topic with
 * what the generators sent. The bad-input corpus runs next on the same processes ({@link BadInput}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final Duration HEALTHY = Duration.ofSeconds(180);
    static final Duration RECOVERY_MAX = Duration.ofSeconds(90);
    static final Duration MONGO_OUTAGE = Duration.ofSeconds(60);

    /** Each instance's state directory and log, kept under target/ for a look after a failed run. */
    Path work;

    EmbeddedKafkaBroker broker;
    EmbeddedMongo mongo;
    final Map<String, List<ServiceProcess>> instances = new LinkedHashMap<>();
    final Map<String, Integer> kills = new ConcurrentHashMap<>();
    final List<String> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();
    final long started = System.nanoTime();
    final ExecutorService pool = Executors.newFixedThreadPool(8);
    int brokerRestarts;

    @BeforeAll
    void startPipeline() throws Exception {
        for (String s : FaultPlan.SERVICES) {
            assumeTrue(ServiceProcess.built(s), s + " is not built (" + Repo.jar(s) + "): run ./mvnw package first");
        }
        Files.createDirectories(Repo.target());
        work = Files.createTempDirectory(Repo.target(), "fault-run-");
        broker = EmbeddedKafkaBroker.builder().asProcess(true).dataDir(work.resolve("broker")).start();
        mongo = EmbeddedMongo.start();
        try (Admin admin = broker.admin()) {
            List<String> topics = new ArrayList<>(Topics.ALL.stream().map(Topic::name).toList());
            FaultPlan.SERVICES.forEach(s -> topics.add(Topics.deadLetter(s).name()));
            new TopicProvisioner(admin, Duration.ofSeconds(30), Topics.PARTITIONS, Optional.empty()).ensure(topics, true);
        }
        for (String s : FaultPlan.SERVICES) {
            List<String> extra = s.equals("mongo-sink") ? List.of("--mongodb-uri", mongo.connectionString()) : List.of();
            List<ServiceProcess> two = List.of(new ServiceProcess(s, 1, broker, work, extra), new ServiceProcess(s, 2, broker, work, extra));
            instances.put(s, two);
            kills.put(s, 0);
        }
        // a few at a time: 12 JVMs starting at once on 2 cores take longer than in turn
        for (List<ServiceProcess> two : instances.values()) {
            two.forEach(ServiceProcess::start);
        }
        for (List<ServiceProcess> two : instances.values()) {
            for (ServiceProcess p : two) {
                p.awaitHealthy(HEALTHY);
            }
        }
        note("12 instances healthy");
    }

    @AfterAll
    void stopPipeline() {
        pool.shutdownNow();
        instances.values().forEach(two -> two.forEach(ServiceProcess::close));
        if (mongo != null) {
            mongo.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    void note(String what) {
        String line = String.format("%6.1f s  %s", (System.nanoTime() - started) / 1e9, what);
        timeline.add(line);
        System.out.println(line);
    }

    /** Kills instance {@code number} of every service at once; returns the kill time. */
    long killAll(int number, List<String> services) {
        long at = System.nanoTime();
        for (String s : services) {
            instances.get(s).get(number - 1).kill();
            kills.merge(s, 1, Integer::sum);
        }
        note("kill -9 instance " + number + " of " + services);
        return at;
    }

    Map<String, Map<TopicPartition, Long>> snapshot(Admin admin) throws Exception {
        Map<String, Map<TopicPartition, Long>> snap = new LinkedHashMap<>();
        for (String s : FaultPlan.SERVICES) {
            snap.put(s, Recovery.committed(admin, FaultPlan.group(s), FaultPlan.LIVE_INPUT.get(s)));
        }
        return snap;
    }

    Map<String, Long> measureAll(Admin admin, Map<String, Map<TopicPartition, Long>> atKill, long since, List<String> services) throws Exception {
        Map<String, Future<Long>> futures = new LinkedHashMap<>();
        for (String s : services) {
            futures.put(s, pool.submit(() -> Recovery.measure(admin, FaultPlan.group(s), FaultPlan.LIVE_INPUT.get(s), atKill.get(s), since,
                    RECOVERY_MAX)));
        }
        Map<String, Long> result = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Long>> e : futures.entrySet()) {
            result.put(e.getKey(), e.getValue().get(RECOVERY_MAX.toSeconds() + 30, TimeUnit.SECONDS));
        }
        return result;
    }

    final Map<String, Integer> held = new LinkedHashMap<>();

    /** The instance of {@code service} whose consumers hold the most partitions of its live input (the group's view). */
    ServiceProcess busiest(Admin admin, String service) throws Exception {
        String group = FaultPlan.group(service);
        org.apache.kafka.clients.admin.ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                .get(30, TimeUnit.SECONDS).get(group);
        ServiceProcess best = instances.get(service).get(0);
        int most = -1;
        for (ServiceProcess p : instances.get(service)) {
            int n = 0;
            for (org.apache.kafka.clients.admin.MemberDescription m : d.members()) {
                // Kafka Streams appends the thread's number to the configured group.instance.id
                String id = m.groupInstanceId().orElse("");
                if (id.equals(p.instance) || id.startsWith(p.instance + "-")) {
                    n += (int) m.assignment().topicPartitions().stream()
                            .filter(tp -> FaultPlan.LIVE_INPUT.get(service).contains(tp.topic())).count();
                }
            }
            if (n > most) {
                most = n;
                best = p;
            }
        }
        held.put(best.instance, most);
        return best;
    }

    Map<String, Long> recoveryRestarted = new LinkedHashMap<>();
    Map<String, Long> recoveryNotRestarted = new LinkedHashMap<>();
    Map<String, Long> recoveryBroker = new LinkedHashMap<>();
    long sinkLagRecoveredMs = -1;
    Feeds feeds;
    final List<Check> checks = new ArrayList<>();

    @Test
    @Order(1)
    void killsAndABrokerRestartLoseNothingAndDuplicateNothing() throws Exception {
        feeds = new Feeds(broker);
        feeds.sendReferenceData();
        try (TopicReader infoLatest = new TopicReader(broker, List.of("stations.info.latest"))) {
            // statuses of a station station-enrichment does not know yet are dropped by contract: start once all are known
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (infoLatest.catchUp().table("stations.info.latest").size() < Feeds.STATIONS) {
                assertThat(System.nanoTime()).as("stations.info.latest holds every station within 120 s").isLessThan(deadline);
                Sleep.millis(500);
            }
        }
        note("reference data processed; live generators start");
        feeds.startLive();
        Sleep.millis(10_000);

        try (Admin admin = broker.admin()) {
            // 1. every first instance killed and restarted at once: static membership takes the partitions back
            Map<String, Map<TopicPartition, Long>> at = snapshot(admin);
            long t = killAll(1, FaultPlan.SERVICES);
            FaultPlan.SERVICES.forEach(s -> instances.get(s).get(0).start());
            recoveryRestarted = measureAll(admin, at, t, FaultPlan.SERVICES);
            note("processing again after kill + restart (ms): " + recoveryRestarted);
            Sleep.millis(3_000);

            // 2. the broker killed and restarted on its data directory
            at = snapshot(admin);
            long b = System.nanoTime();
            broker.stop();
            note("kill -9 broker");
            Sleep.millis(3_000);
            broker.restart(true);
            brokerRestarts++;
            note("broker restarted");
            recoveryBroker = measureAll(admin, at, b, FaultPlan.SERVICES);
            note("processing again after the broker restart (ms from its kill): " + recoveryBroker);
            Sleep.millis(3_000);

            // 3. of each service, the instance holding more of the live input's partitions is killed; the group
            // recovers without it (session timeout), then it comes back
            Map<String, ServiceProcess> victims = new LinkedHashMap<>();
            for (String s : FaultPlan.SERVICES) {
                victims.put(s, busiest(admin, s));
            }
            at = snapshot(admin);
            t = System.nanoTime();
            victims.forEach((s, p) -> {
                p.kill();
                kills.merge(s, 1, Integer::sum);
            });
            note("kill -9 (not restarted) " + victims.values() + ", partitions of the live input each held: " + held);
            recoveryNotRestarted = measureAll(admin, at, t, FaultPlan.SERVICES);
            note("processing again without the killed instance (ms): " + recoveryNotRestarted);
            // they come back while MongoDB goes down: the run is long enough as it is
            victims.values().forEach(ServiceProcess::start);
            note("killed instances restarted");

            // 4. MongoDB down for 60 s while job statuses keep coming; the sink is killed mid-batch, so are the others
            mongo.stop();
            long outage = System.nanoTime();
            note("MongoDB stopped");
            Sleep.millis(20_000);
            // the busiest instance: the sink's is stuck retrying a batch MongoDB cannot take
            Map<String, ServiceProcess> midBatch = new LinkedHashMap<>();
            for (String s : FaultPlan.SERVICES) {
                midBatch.put(s, busiest(admin, s));
            }
            midBatch.forEach((s, p) -> {
                p.kill();
                kills.merge(s, 1, Integer::sum);
            });
            note("kill -9 (restarted) " + midBatch.values() + " during the MongoDB outage");
            midBatch.values().forEach(ServiceProcess::start);
            long left = MONGO_OUTAGE.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outage);
            Sleep.millis(Math.max(0, left));
            Map<TopicPartition, Long> backlog = Recovery.ends(admin, List.of("job_status"));
            mongo.restart();
            long back = System.nanoTime();
            note("MongoDB back on port " + mongo.port() + " after " + TimeUnit.NANOSECONDS.toSeconds(back - outage) + " s");
            // the lag recovers: the sink commits past everything job_status held when MongoDB came back
            long deadline = back + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, Long> c = Recovery.committed(admin, "mongo-sink", List.of("job_status"));
                if (backlog.entrySet().stream().allMatch(e -> c.getOrDefault(e.getKey(), 0L) >= e.getValue() - 1)) {
                    sinkLagRecoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
                    break;
                }
                Sleep.millis(250);
            }
            note("mongo-sink caught up with the outage's backlog " + sinkLagRecoveredMs + " ms after MongoDB came back");
            assertThat(sinkLagRecoveredMs).as("mongo-sink's lag recovers within 120 s of MongoDB's return").isNotNegative();
        }
        for (List<ServiceProcess> two : instances.values()) {
            for (ServiceProcess p : two) {
                p.awaitHealthy(HEALTHY);
            }
        }
        feeds.stop();
        note("generators stopped after " + feeds.count() + " records");

        verify();
    }

    @Test
    @Order(2)
    void badInputIsProcessedOrDeadLetteredAndNoServiceStops() throws Exception {
        note("bad-input corpus starts");
        BadInput.run(broker, mongo, instances);
        note("bad-input corpus done");
        for (List<ServiceProcess> two : instances.values()) {
            for (ServiceProcess p : two) {
                assertThat(p.alive()).as(p + " is running after the corpus; its log: " + p.log()).isTrue();
                assertThat(p.status("/health")).as(p + " /health after the corpus").isEqualTo(200);
            }
        }
    }

    void verify() throws Exception {
        Expected expected = new Expected(feeds.sent());
        Map<String, String> jobs = expected.jobStatuses();
        Expected.Inventory inventory = expected.inventory();
        List<String> inputs = List.of("system.regions", "stations.info", "stations.status", "customers.info", "customers.demographics",
                "order_placed", "job_created", "joblocation", "tradie_truck_location");
        List<String> outputs = List.of("stations.info.latest", "stations.enriched", "customers.enriched", "inventory.availability.high",
                "inventory.availability.low", "inventory.redistribution", "job_status", "truck_tracker");
        List<String> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        Map<String, Check> result = new LinkedHashMap<>();
        try (TopicReader reader = new TopicReader(broker, all); MongoClient client = MongoClients.create(mongo.connectionString())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (true) {
                reader.catchUp();
                result = checkAll(reader, client, expected, jobs, inventory, inputs);
                if (result.values().stream().allMatch(Check::exact) || System.nanoTime() > deadline) {
                    break;
                }
                Sleep.millis(2_000);
            }
        }
        note("outputs compared");
        summary(result);
        for (Check c : result.values()) {
            assertThat(c.exact()).as("%s", c).isTrue();
        }
        for (List<ServiceProcess> two : instances.values()) {
            for (ServiceProcess p : two) {
                assertThat(p.alive()).as(p + " is running").isTrue();
                assertThat(p.status("/health")).as(p + " /health").isEqualTo(200);
            }
        }
    }

    Map<String, Check> checkAll(TopicReader reader, MongoClient client, Expected expected, Map<String, String> jobs,
                                Expected.Inventory inventory, List<String> inputs) {
        Map<String, Check> r = new LinkedHashMap<>();
        r.put("station-enrichment", Check.combine("station-enrichment", List.of(
                Check.stream("stations.enriched", expected.stationsEnriched(), fingerprints(reader.records("stations.enriched"), Expected.ENRICHED)),
                Check.table("stations.info.latest", expected.stationsInfoLatest(), rows(reader.table("stations.info.latest"), Expected.INFO_LATEST)))));
        r.put("customer-enrichment", Check.table("customers.enriched", expected.customersEnriched(),
                rows(reader.table("customers.enriched"), Expected.CUSTOMER)));
        r.put("inventory-redistribution", Check.combine("inventory-redistribution", List.of(
                Check.table("inventory.availability.high", inventory.high(), rows(reader.table("inventory.availability.high"), Expected.HIGH)),
                Check.table("inventory.availability.low", inventory.low(), rows(reader.table("inventory.availability.low"), Expected.LOW)),
                Check.table("inventory.redistribution", inventory.pairs(), rows(reader.table("inventory.redistribution"), Expected.PAIR)))));
        r.put("marketplace-jobs", Check.stream("job_status", new ArrayList<>(jobs.values()),
                fingerprints(reader.records("job_status"), Expected.JOB_STATUS)));
        r.put("truck-tracker", Check.table("truck_tracker", expected.truckTracker(), rows(reader.table("truck_tracker"), Expected.TRACKER)));
        Map<String, String> docs = new LinkedHashMap<>();
        for (Document d : client.getDatabase("marketplace").getCollection("job_status").find()) {
            docs.put(String.valueOf(d.get("_id")), Expected.fingerprint(Expected.tree(d.toJson()), Expected.JOB_STATUS));
        }
        r.put("mongo-sink", Check.table("mongodb marketplace.job_status", jobs, docs));
        List<Check> in = new ArrayList<>();
        for (String topic : inputs) {
            List<String> want = feeds.sent(topic).stream().map(s -> s.key() + " => " + s.value()).toList();
            List<String> got = reader.records(topic).stream().map(x -> x.key() + " => " + x.value()).toList();
            in.add(Check.stream(topic, want, got));
        }
        r.put("inputs (generators)", Check.combine("inputs", in));
        return r;
    }

    static List<String> fingerprints(List<TopicReader.Rec> records, String[] fields) {
        return records.stream().filter(x -> x.value() != null).map(x -> Expected.fingerprint(Expected.tree(x.value()), fields)).toList();
    }

    static Map<String, String> rows(Map<String, String> table, String[] fields) {
        Map<String, String> rows = new LinkedHashMap<>();
        table.forEach((k, v) -> rows.put(k, Expected.fingerprint(Expected.tree(v), fields)));
        return rows;
    }

    void summary(Map<String, Check> result) throws Exception {
        StringBuilder md = new StringBuilder("# Fault suite summary\n\n");
        md.append("Two instances per service, broker as a child process, inputs from the producers' generators (")
                .append(feeds.count()).append(" records). Session timeout ").append(FaultPlan.SESSION_TIMEOUT_MS)
                .append(" ms, static membership (group.instance.id per instance).\n\n");
        md.append("| service | instance kills | broker restarts | records checked | missing | duplicated | wrong |"
                + " recovery, restarted (ms) | recovery, not restarted (ms) | after broker restart (ms) |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, Check> e : result.entrySet()) {
            Check c = e.getValue();
            String s = e.getKey();
            md.append("| ").append(s).append(" | ").append(kills.getOrDefault(s, 0)).append(" | ").append(brokerRestarts)
                    .append(" | ").append(c.checked()).append(" | ").append(c.missing()).append(" | ").append(c.duplicated())
                    .append(" | ").append(c.wrong()).append(" | ").append(ms(recoveryRestarted.get(s))).append(" | ")
                    .append(ms(recoveryNotRestarted.get(s))).append(" | ").append(ms(recoveryBroker.get(s))).append(" |\n");
        }
        md.append("\nmongo-sink: MongoDB down ").append(MONGO_OUTAGE.toSeconds()).append(" s, the sink caught up with the backlog ")
                .append(sinkLagRecoveredMs).append(" ms after MongoDB came back.\n");
        md.append("\nRecovery: from the kill -9 to every partition of the service's live input being committed past its offset"
                + " at the kill (-1: not within " + RECOVERY_MAX.toSeconds() + " s). Measured, not asserted.\n");
        md.append("\n## Timeline\n\n```\n");
        timeline.forEach(l -> md.append(l).append('\n'));
        md.append("```\n");
        result.values().stream().filter(c -> !c.exact()).forEach(c -> md.append("\n- ").append(c));
        Files.createDirectories(Repo.target());
        Files.writeString(Repo.target().resolve("fault-summary.md"), md.toString());
        System.out.println(md);
    }

    static String ms(Long v) {
        return v == null ? "" : Long.toString(v);
    }
}
