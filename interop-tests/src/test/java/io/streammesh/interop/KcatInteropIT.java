package io.streammesh.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.contracts.marketplace.TruckLocation;
import io.streammesh.contracts.marketplace.TruckTracker;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.interop.InteropData.Input;
import io.streammesh.interop.InteropData.Batch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.ToIntFunction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.IntStream;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service's inputs written by a real non-Java client, Debian's kcat (librdkafka), give the
 * outputs the same records give when Kafka's Java producer writes them (issue 13): with librdkafka's
 * default partitioner ({@code consistent_random}, CRC32 of the key), which puts keyed records on
 * other partitions than Kafka Streams expects, and with {@code partitioner=murmur2_random}, which
 * puts them where it expects, so the key rule re-routes none of them.
 *
 * <p>Each client writes into a broker of its own; the services run in this JVM, records caches off.
 * Each batch of inputs is written once the services processed the one before (their committed
 * offsets, on inputs and repartition topics, reached the end), so reference data is in place before
 * the records that look it up, as in the offline run every run must equal. Skipped when kcat is not
 * installed ({@code apt-get install kcat}); under CI (env {@code CI}) a missing kcat fails instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KcatInteropIT {

    private static final Logger LOG = LoggerFactory.getLogger(KcatInteropIT.class);
    private static final int PARTITIONS = Topics.PARTITIONS;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private InteropData data;
    private Run javaRun;

    /** What one client's run gave. */
    record Run(Client client, Outputs outputs, Map<String, Long> misplaced,
               Map<String, Map<String, Set<Integer>>> keyedPartitions, Map<String, Map<Integer, Integer>> unkeyedPartitions) {
    }

    @BeforeAll
    void recordTheInputs() throws Exception {
        Optional<String> kcat = Client.kcatVersion();
        if (kcat.isEmpty() && System.getenv("CI") != null) {
            fail("kcat is not installed; CI installs it (.ci/run: apt-get install kcat)");
        }
        assumeTrue(kcat.isPresent(), "kcat is not installed (apt-get install kcat)");
        LOG.info("kcat: {}", kcat.get());
        data = InteropData.generate(dir);
        Map<String, Integer> sizes = new TreeMap<>();
        data.all().forEach((topic, records) -> sizes.put(topic.name(), records.size()));
        LOG.info("inputs per topic: {}; without a key: {}", sizes, unkeyedCounts());
    }

    @Test
    @Order(1)
    void theJavaProducerGivesWhatTheServicesGiveOfflineAndReRoutesNothingItKeyed() throws Exception {
        Run run = java();
        assertEqualsOffline(run);
        assertKeyedRecordsOn(run, KcatInteropIT::murmur2);
        assertThat(run.misplaced()).as("misplaced records per topic").allSatisfy((topic, n) -> assertThat(n).as(topic).isZero());
        assertAcceptance(run);
    }

    @Test
    @Order(2)
    void kcatWithItsDefaultPartitionerGivesTheSameOutputsAsTheJavaProducer() throws Exception {
        Run run = run(Client.kcat("kcat"));
        assertEqualsOffline(run);
        assertThat(run.outputs()).isEqualTo(java().outputs());
        // librdkafka's consistent_random: CRC32(key) % partitions, which Kafka Streams does not expect
        assertKeyedRecordsOn(run, KcatInteropIT::crc32);
        Map<String, Long> expected = misplacedByCrc32();
        LOG.info("kcat default partitioner: misplaced records per topic {} (CRC32 and murmur2 disagree on {})", run.misplaced(), expected);
        assertThat(expected.values()).allSatisfy(n -> assertThat(n).isPositive());
        expected.forEach((topic, n) -> assertThat(run.misplaced().getOrDefault(topic, 0L))
                .as("records of %s re-routed as misplaced", topic).isGreaterThanOrEqualTo(n));
        assertAcceptance(run);
    }

    @Test
    @Order(3)
    void kcatWithMurmur2RandomGivesTheSameOutputsAndNothingIsMisplaced() throws Exception {
        Run run = run(Client.kcat("kcat-murmur2", "partitioner=murmur2_random"));
        assertEqualsOffline(run);
        assertThat(run.outputs()).isEqualTo(java().outputs());
        assertKeyedRecordsOn(run, KcatInteropIT::murmur2);
        assertThat(run.misplaced()).as("misplaced records per topic").allSatisfy((topic, n) -> assertThat(n).as(topic).isZero());
        assertAcceptance(run);
    }

    /**
     * Why the runs key every joblocation: a table's topic is compacted, and a compacted topic takes no
     * record without a key, from any client ("the contract promises null keys work" holds for streams only).
     */
    @Test
    @Order(4)
    void aTableTopicRejectsRecordsWithoutAKeyFromEitherClient() throws Exception {
        Path work = Files.createDirectories(dir.resolve("compacted"));
        List<Input> keyless = List.of(new Input(Topics.JOBLOCATION.name(), null, data.of(Topics.JOBLOCATION).get(0).value()));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            TopicProvisioner.provision(ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers()), Map.of()),
                    List.of(Topics.JOBLOCATION.name()));
            assertThat(Topics.JOBLOCATION.kind().cleanupPolicy()).isEqualTo("compact");
            assertThatThrownBy(() -> Client.kcat("kcat").write(broker.bootstrapServers(), Topics.JOBLOCATION.name(), keyless, work))
                    .hasMessageContaining("Broker failed to validate record");
            assertThatThrownBy(() -> Client.javaProducer().write(broker.bootstrapServers(), Topics.JOBLOCATION.name(), keyless, work))
                    .hasMessageContaining("Compacted topic cannot accept message without key");
        }
    }

    private Run java() throws Exception {
        if (javaRun == null) {
            javaRun = run(Client.javaProducer());
        }
        return javaRun;
    }

    // ---- the acceptance of issue 13, on every run

    private void assertAcceptance(Run run) {
        Map<String, List<String>> statuses = run.outputs().of(Topics.JOB_STATUS);
        assertThat(statuses.keySet()).as("jobs with a job_status").isEqualTo(data.jobs());
        Map<Long, String> intended = data.intendedStatuses();
        statuses.forEach((job, values) -> {
            assertThat(values).as("job_status records of job %s", job).hasSize(1);
            assertThat(Json.read(values.get(0), JobStatus.class).currentStatus().name()).as("job %s", job)
                    .isEqualTo(intended.get(Long.parseLong(job)));
        });

        Map<String, String> table = run.outputs().latest(Topics.TRUCK_TRACKER);
        assertThat(table.keySet()).as("jobs with a truck_tracker row").isEqualTo(data.jobsWithTruck());
        assertThat(data.jobsWithTruck()).isNotEmpty().isSubsetOf(truckJobs()).isNotEqualTo(truckJobs());
        for (String job : data.jobsWithKeyedTruck()) {
            // a truck that sends its key keeps its order: its job's row is where the truck ended
            TruckTracker row = Json.read(table.get(job), TruckTracker.class);
            assertThat(row.state()).as("job %s", job).isEqualTo(TruckLocation.ARRIVED);
            assertThat(row.distanceFromDestination()).as("job %s", job).isZero();
        }
    }

    private Set<String> truckJobs() {
        Set<String> jobs = new TreeSet<>();
        data.of(Topics.JOBLOCATION).forEach(r -> jobs.add(r.key() != null ? r.key()
                : InteropData.field(Json.tree(r.value()), "id").asText()));
        return jobs;
    }

    private void assertEqualsOffline(Run run) {
        LOG.info("{}: outputs per topic {}", run.client().name(), run.outputs().sizes());
        String differences = data.expected().differences(run.outputs());
        if (!differences.isEmpty()) {
            fail(run.client().name() + ": the services' outputs differ from the offline run of the same records:\n" + differences);
        }
        assertThat(run.outputs().sizes()).as("records per output topic").hasSize(Outputs.COMPARED.size())
                .allSatisfy((topic, n) -> assertThat(n).as(topic).isPositive());
    }

    private void assertKeyedRecordsOn(Run run, ToIntFunction<String> partitioner) {
        run.keyedPartitions().forEach((topic, byKey) -> byKey.forEach((key, partitions) ->
                assertThat(partitions).as("partitions of key %s on %s", key, topic).containsExactly(partitioner.applyAsInt(key))));
        LOG.info("{}: records without a key per partition: {}", run.client().name(), run.unkeyedPartitions());
    }

    static int murmur2(String key) {
        return Keys.partitionFor(key, PARTITIONS);
    }

    /** librdkafka's consistent_random for a non-empty key: CRC32 of its bytes modulo the partitions. */
    static int crc32(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % PARTITIONS);
    }

    /** Keyed records of the key rule's topics whose CRC32 partition is not their murmur2 one. */
    private Map<String, Long> misplacedByCrc32() {
        Map<String, Long> misplaced = new TreeMap<>();
        Set<String> checked = new TreeSet<>();
        InteropData.SERVICES.forEach(s -> checked.addAll(keyRuleTopics(s)));
        data.all().forEach((topic, records) -> {
            if (checked.contains(topic.name())) {
                misplaced.put(topic.name(), records.stream().filter(r -> r.key() != null && crc32(r.key()) != murmur2(r.key())).count());
            }
        });
        return misplaced;
    }

    private Map<String, Long> unkeyedCounts() {
        Map<String, Long> counts = new TreeMap<>();
        data.all().forEach((topic, records) -> counts.put(topic.name(), records.stream().filter(r -> r.key() == null).count()));
        return counts;
    }

    /** The inputs a service reads through the key rule: its topology has their {@code <topic>-key-rule} processor. */
    private static Set<String> keyRuleTopics(StreamService service) {
        Set<String> nodes = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : service.build(ServiceConfig.empty()).describe().subtopologies()) {
            sub.nodes().forEach(n -> nodes.add(n.name()));
        }
        Set<String> topics = new TreeSet<>();
        for (String input : TopologyTopics.of(service.build(ServiceConfig.empty())).inputs()) {
            Topics.find(input).filter(t -> nodes.contains(Keys.baseName(t) + "-key-rule")).ifPresent(t -> topics.add(t.name()));
        }
        return topics;
    }

    // ---- one client's run

    private Run run(Client client) throws Exception {
        Path work = Files.createDirectories(dir.resolve(client.name()));
        Map<String, Long> misplaced = new TreeMap<>();
        Map<String, Map<String, Set<Integer>>> keyed = new TreeMap<>();
        Map<String, Map<Integer, Integer>> unkeyed = new TreeMap<>();
        long started = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(); Admin admin = broker.admin()) {
            Set<String> inputs = new TreeSet<>();
            Set<String> outputs = new TreeSet<>();
            for (StreamService s : InteropData.SERVICES) {
                inputs.addAll(topics(s).inputs());
                outputs.addAll(topics(s).outputs());
            }
            Set<String> all = new TreeSet<>(inputs);
            all.addAll(outputs);
            TopicProvisioner.provision(ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers()), Map.of()), all);
            Map<TopicPartition, Long> from = new HashMap<>(); // the topics are new
            outputs.forEach(t -> IntStream.range(0, PARTITIONS).forEach(p -> from.put(new TopicPartition(t, p), 0L)));

            Map<StreamService, ServiceRuntime> running = new LinkedHashMap<>();
            try {
                start(client, broker, work, running);
                await().atMost(PROCESSING_TIMEOUT).until(() -> running.values().stream()
                        .allMatch(r -> r.streams().state() == KafkaStreams.State.RUNNING));
                for (Batch batch : InteropData.BATCHES) {
                    for (StreamService service : batch.stopFirst()) {
                        stop(running.remove(service), misplaced);
                    }
                    for (Topic<?> topic : batch.topics()) {
                        client.write(broker.bootstrapServers(), topic.name(), data.of(topic), work);
                        if (outputs.contains(topic.name())) {
                            // a service's output the client wrote as another's input: compare only what the service writes
                            from.putAll(endOffsets(admin, Set.of(topic.name())));
                        }
                    }
                    for (StreamService service : running.keySet()) {
                        awaitProcessed(admin, applicationId(client, service), topics(service).inputs());
                    }
                }
                for (StreamService service : List.copyOf(running.keySet())) {
                    stop(running.remove(service), misplaced);
                }
            } finally {
                running.values().forEach(ServiceRuntime::close);
            }
            Outputs written = read(broker, from);
            placements(broker, inputs, from, keyed, unkeyed);
            LOG.info("{}: run in {} s", client.name(), (System.nanoTime() - started) / 1_000_000_000);
            return new Run(client, written, misplaced, keyed, unkeyed);
        }
    }

    /** Starts the services side by side (a start mostly waits for the broker) into {@code running}, in their order. */
    private static void start(Client client, EmbeddedKafkaBroker broker, Path work, Map<StreamService, ServiceRuntime> running)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(InteropData.SERVICES.size());
        try {
            List<Future<ServiceRuntime>> starts = new ArrayList<>();
            for (StreamService service : InteropData.SERVICES) {
                starts.add(pool.submit(() -> ServiceRuntime.start(service, config(broker, client, service, work))));
            }
            Exception failed = null;
            for (int i = 0; i < starts.size(); i++) {
                try {
                    running.put(InteropData.SERVICES.get(i), starts.get(i).get(PROCESSING_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            pool.shutdown();
        }
    }

    private static TopologyTopics topics(StreamService service) {
        return TopologyTopics.of(service.build(ServiceConfig.empty()));
    }

    /** Its misplaced records from /metrics, that it dropped none, then closes it. */
    private static void stop(ServiceRuntime runtime, Map<String, Long> misplaced) throws Exception {
        try {
            misplaced.putAll(misplaced(runtime));
            assertThat(RecordCounters.counts(runtime.applicationId())).as("records %s dropped", runtime.applicationId()).isEmpty();
        } finally {
            runtime.close();
        }
    }

    private static String applicationId(Client client, StreamService service) {
        return service.name() + "-" + client.name();
    }

    private static ServiceConfig config(EmbeddedKafkaBroker broker, Client client, StreamService service, Path work) {
        // caches off: every update is written, so streams compare record by record (Outputs)
        return ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers(), "application.id", applicationId(client, service),
                        "commit.interval.ms", "100", "statestore.cache.max.bytes", "0"),
                Map.of("http.port", "0", "state.dir", work.resolve(service.name()).toString()));
    }

    /**
     * Waits until {@code applicationId} processed everything on its inputs and its repartition
     * topics: its committed offsets reach their ends, and the ends did not move meanwhile (a record
     * re-routed by the last commit would have moved them).
     */
    private static void awaitProcessed(Admin admin, String applicationId, Set<String> inputs) {
        await().atMost(PROCESSING_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            Set<String> topics = new TreeSet<>(inputs);
            admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition")).forEach(topics::add);
            Map<TopicPartition, Long> before = endOffsets(admin, topics);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId,
                    new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> after = endOffsets(admin, topics);
            boolean done = before.equals(after) && before.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata c = committed.get(e.getKey());
                return (c == null ? 0 : c.offset()) >= e.getValue();
            });
            return done;
        });
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Every committed record of the output partitions from {@code from} to their ends. */
    private static Outputs read(EmbeddedKafkaBroker broker, Map<TopicPartition, Long> from) {
        Outputs outputs = new Outputs();
        try (KafkaConsumer<String, String> consumer = consumer(broker, "read_committed")) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet());
            await().atMost(PROCESSING_TIMEOUT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    outputs.add(r.topic(), r.key(), r.value());
                }
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return outputs;
    }

    /**
     * Where the client put the records of {@code topics}: each key's partitions, and the spread of
     * records without one; a partition also written by a service is read only {@code until} there.
     */
    private static void placements(EmbeddedKafkaBroker broker, Set<String> topics, Map<TopicPartition, Long> until,
                                   Map<String, Map<String, Set<Integer>>> keyed, Map<String, Map<Integer, Integer>> unkeyed) {
        try (KafkaConsumer<String, String> consumer = consumer(broker, "read_uncommitted")) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            until.forEach((tp, offset) -> ends.computeIfPresent(tp, (p, end) -> offset));
            await().atMost(PROCESSING_TIMEOUT).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    if (r.key() == null) {
                        unkeyed.computeIfAbsent(r.topic(), t -> new TreeMap<>()).merge(r.partition(), 1, Integer::sum);
                    } else {
                        keyed.computeIfAbsent(r.topic(), t -> new TreeMap<>())
                                .computeIfAbsent(r.key(), k -> new TreeSet<>()).add(r.partition());
                    }
                }
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker, String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
    }

    private static final Pattern REROUTED = Pattern.compile("^streammesh_records_rerouted_total\\{([^}]*)}\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** {@code streammesh_records_rerouted_total{reason="misplaced"}} of the runtime's application, by topic, from its /metrics. */
    private static Map<String, Long> misplaced(ServiceRuntime runtime) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + runtime.httpPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        Map<String, Long> byTopic = new TreeMap<>();
        for (String line : metrics.body().lines().toList()) {
            Matcher m = REROUTED.matcher(line);
            if (m.matches()) {
                Map<String, String> labels = new HashMap<>();
                Matcher l = LABEL.matcher(m.group(1));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                if (runtime.applicationId().equals(labels.get("application_id")) && Keys.MISPLACED.equals(labels.get("reason"))) {
                    byTopic.merge(labels.get("topic"), (long) Double.parseDouble(m.group(2)), Long::sum);
                }
            }
        }
        return byTopic;
    }
}
