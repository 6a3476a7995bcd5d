package io.streammesh.bench;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.common.runtime.ServiceLauncher;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./streammesh bench}: each service's sustained throughput, end-to-end latency at a fixed
 * rate, peak heap and state size on the real local broker (in its own JVM), next to a pass-through
 * reference measured in the same run, plus a topology-only figure without a broker.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = ServiceLauncher.Version.class, sortOptions = false,
        description = "Measure each service against a Kafka Streams pass-through on the real local broker.")
public final class BenchApp implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BenchApp.class);

    @Parameters(paramLabel = "WORKLOAD", arity = "0..*",
            description = "Workloads to run (default: all): station-enrichment customer-enrichment inventory-redistribution "
                    + "marketplace-jobs truck-tracker mongo-sink; the pass-through always runs")
    List<String> selected = new ArrayList<>();

    @Option(names = "--quick", description = "Inputs ten times smaller (a quick check after a change)")
    boolean quick;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "target/bench/results.json",
            description = "Where to write the results as JSON (default ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--latency-rate", defaultValue = "2000", description = "Input records/s of the latency run (default ${DEFAULT-VALUE})")
    int latencyRate;

    @Option(names = "--latency-seconds", description = "Length of the latency run (default 10, 5 with --quick)")
    Integer latencySeconds;

    @Option(names = "--no-topology", description = "Skip the topology-only (TopologyTestDriver) figures")
    boolean noTopology;

    @Option(names = "--streams-property", paramLabel = "KEY=VALUE",
            description = "A Kafka Streams property for every Kafka Streams workload (services, peers and the pass-through "
                    + "alike), over the suite's defaults; repeatable. To measure a lever, e.g. commit.interval.ms=1000")
    Map<String, String> streamsProperties = new LinkedHashMap<>();

    public static void main(String[] args) {
        // the table is the output; the services' own start/stop logging would drown it
        for (String name : List.of("io.streammesh", "org.apache.kafka", "org.apache.kafka.streams.KafkaStreams")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(BenchApp.class)).setLevel(ch.qos.logback.classic.Level.INFO);
        System.exit(new CommandLine(new BenchApp()).execute(args));
    }

    @Option(names = "--rounds", defaultValue = "1",
            description = "Rounds of every workload, in alternating order (odd rounds as listed, even rounds reversed); "
                    + "ratios are taken within a round, the summary gives medians and min-max (default ${DEFAULT-VALUE})")
    int rounds;

    /** Called once a workload's service has started (a test deletes its inputs here). */
    java.util.function.BiConsumer<Workload, EmbeddedKafkaBroker> afterStart = (w, b) -> { };

    /** Input topic sets a latency run has appended to since they were loaded. */
    private final Set<String> touched = new HashSet<>();

    /** The run's time base: input timestamps start a day before the run, so they are recent but never in the future. */
    final long t0 = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);

    @Override
    public Integer call() throws Exception {
        int scale = quick ? 1 : 10;
        Workloads.streamsProperties = Map.copyOf(streamsProperties);
        int latencySecs = latencySeconds != null ? latencySeconds : quick ? 5 : 10;
        Map<String, Workload> available = Workloads.all();
        for (String s : selected) {
            if (!available.containsKey(s)) {
                System.err.println("bench: no workload '" + s + "' (not built, or unknown); available: " + available.keySet());
                return 2;
            }
        }
        List<Workload> workloads = new ArrayList<>();
        workloads.add(available.get("pass-through"));
        for (Map.Entry<String, Workload> e : available.entrySet()) {
            Workload w = e.getValue();
            String service = w.peerOf() != null ? w.peerOf() : w.name;
            if (!w.name.equals("pass-through") && (selected.isEmpty() || selected.contains(service) || selected.contains(w.name))) {
                workloads.add(w);
            }
        }
        Path work = Files.createDirectories(Path.of("target", "bench", "work-" + System.currentTimeMillis()));
        List<Results.Row> rows = new ArrayList<>();
        long started = System.nanoTime();
        System.out.println("bench: starting the Kafka broker in its own JVM ...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().asProcess(true).dataDir(work.resolve("broker")).start()) {
            createTopics(broker, workloads);
            Set<String> loaded = new HashSet<>();
            // the first service measured would otherwise pay for the JVM's warm-up: run the reference once, unmeasured
            System.out.println("bench: warm-up (pass-through, not reported) ...");
            measure(broker, workloads.get(0), scale, 0, work, loaded, "bench-warm-up", 0);
            for (int round = 1; round <= rounds; round++) {
                List<Workload> order = new ArrayList<>(workloads);
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                Map<String, Results.Row> roundRows = new LinkedHashMap<>();
                for (Workload w : order) {
                    System.out.println("bench: round " + round + "/" + rounds + ": " + w.name + " ...");
                    // latency and topology-only figures do not depend on the order: measured in the first round only
                    Results.Row row = measure(broker, w, scale, round == 1 ? latencySecs : 0, work, loaded,
                            "bench-" + w.name + "-r" + round, round);
                    if (round == 1 && !noTopology && w.topology() != null && row.ok()) {
                        row = row.withTopology(topologyOnly(w, scale, Files.createDirectories(work.resolve("topology-" + w.name))));
                    }
                    roundRows.put(w.name, row);
                    System.out.println(Results.line(row));
                }
                Results.Row pass = roundRows.get("pass-through");
                Double passRate = pass == null || !pass.ok() ? null : pass.recordsPerSecond();
                for (Workload w : workloads) {
                    Results.Row r = roundRows.get(w.name);
                    Double ratio = passRate == null || r.recordsPerSecond() == null ? null : r.recordsPerSecond() / passRate;
                    Double toPeer = null;
                    for (Workload p : workloads) {
                        Results.Row pr = roundRows.get(p.name);
                        if (w.name.equals(p.peerOf()) && pr.ok() && pr.recordsPerSecond() != null && r.recordsPerSecond() != null) {
                            toPeer = r.recordsPerSecond() / pr.recordsPerSecond();
                        }
                    }
                    rows.add(r.withRatios(ratio, toPeer));
                }
                System.out.println();
                System.out.println(Results.table(rows.subList(rows.size() - workloads.size(), rows.size())));
                System.out.println();
            }
        }
        List<String> names = workloads.stream().map(w -> w.name).toList();
        String orderNote = "odd rounds: " + String.join(", ", names) + "; even rounds reversed; "
                + Math.round((System.nanoTime() - started) / 1e9) + " s in all";
        String mode = (quick ? "quick" : "full") + (streamsProperties.isEmpty() ? "" : ", with " + streamsProperties);
        Results results = new Results(machine(), mode, rounds, orderNote, rows, Results.summarize(names, rows));
        System.out.println(Results.table(rows));
        System.out.println();
        System.out.println(results.summaryTable());
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("\nbench: results written to " + output);
        try {
            Path chart = Charts.ratios(results, output.toAbsolutePath().getParent());
            System.out.println("bench: chart written to " + chart);
        } catch (RuntimeException | IOException | LinkageError e) {
            System.out.println("bench: no chart (" + e + ")");
        }
        deleteRecursively(work);
        long failed = rows.stream().filter(r -> !r.ok()).count();
        if (failed > 0) {
            System.out.println("bench: " + failed + " workload run(s) FAILED their checks (see the note column)");
            return 1;
        }
        return 0;
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() >> 20) + " MB max heap, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    /**
     * The suite's own provisioning (6 partitions, tables compacted), then retention off on every bench
     * topic (retention.ms=-1, retention.bytes=-1): nothing the bench loads can expire during a run,
     * whatever the records' timestamps.
     */
    static void createTopics(EmbeddedKafkaBroker broker, List<Workload> workloads) throws Exception {
        Set<String> topics = new java.util.TreeSet<>();
        for (Workload w : workloads) {
            w.topics().forEach(t -> topics.add(t.name()));
        }
        TopicProvisioner.provision(ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers()), Map.of()), topics);
        try (Admin admin = broker.admin()) {
            Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>> ops =
                    new LinkedHashMap<>();
            for (String t : topics) {
                ops.put(new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t),
                        List.of(set("retention.ms", "-1"), set("retention.bytes", "-1")));
            }
            admin.incrementalAlterConfigs(ops).all().get();
        }
    }

    private static org.apache.kafka.clients.admin.AlterConfigOp set(String name, String value) {
        return new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(name, value),
                org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET);
    }

    /**
     * One run of one workload, checked: its inputs' log start offsets must not move, its outputs
     * must be what the workload expects, it must catch up; otherwise the row is FAILED with the
     * reasons and has no rate.
     */
    Results.Row measure(EmbeddedKafkaBroker broker, Workload w, int scale, int latencySecs, Path work,
                        Set<String> loaded, String applicationId, int round) throws Exception {
        w.scale = scale;
        SampleRecords records = new SampleRecords(42);
        List<Workload.Input> tables = w.tables(scale, records);
        try (KafkaProducer<String, String> producer = producer(broker, 20)) {
            long ts = t0;
            for (Workload.Input in : tables) {
                producer.send(new ProducerRecord<>(in.topic(), null, ts++, in.key(), in.value()));
            }
            producer.flush();
        }
        List<String> inputTopics = new ArrayList<>(w.measuredTopics());
        tables.stream().map(Workload.Input::topic).distinct().filter(t -> !inputTopics.contains(t)).forEach(inputTopics::add);
        boolean loadMeasured;
        String loadKey = String.join(",", w.measuredTopics());
        boolean streamsOnly = w.topics().stream().filter(t -> w.measuredTopics().contains(t.name())).noneMatch(Workload.TopicDef::compacted);
        // a latency run appends to the inputs: stream inputs are reloaded so the next run reads exactly the same input
        // (table inputs are not: the latency run's records update keys they already have, the checks are per key)
        boolean dirty = touched.remove(loadKey) && streamsOnly;
        if (w.freshInput() || dirty) {
            // another workload writes this topic: empty it, so the run reads exactly its own input
            try (Admin admin = broker.admin()) {
                Map<TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> all = new LinkedHashMap<>();
                partitionOffsets(admin, w.measuredTopics(), OffsetSpec.latest())
                        .forEach((tp, end) -> all.put(tp, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(end)));
                admin.deleteRecords(all).all().get();
            }
            loadMeasured = true;
        } else {
            // the warm-up and the measured pass-through (and a service and its peer, and every round) read the same load
            loadMeasured = loaded.add(loadKey);
        }
        // the stream is in place before the service starts, for every workload and every round alike: a stream
        // loaded while the service runs would bound its rate by the loader's; its timestamps come after the
        // tables', so Kafka Streams' timestamp order processes the tables first (a check fails the run otherwise)
        if (loadMeasured) {
            preloadMeasured(broker, w, scale, records, t0);
        }
        Workload.OutputCheck check = w.check(scale);
        Map<TopicPartition, Long> outBefore = Map.of();
        if (check != null) {
            try (Admin admin = broker.admin()) {
                outBefore = partitionOffsets(admin, List.of(w.checkTopic()), OffsetSpec.latest());
            }
        }

        System.gc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        Path stateDir = Files.createDirectories(work.resolve("state-" + applicationId));

        Double rate = null;
        Long outputs = null;
        Double firstOutput = null;
        List<String> failures = new ArrayList<>();
        String note = null;
        long[] latencies = new long[0];
        long startNanos = System.nanoTime();
        long outputsBefore = outputOffsets(broker, w);
        Workload.Running started = w.start(broker.bootstrapServers(), stateDir, applicationId);
        Map<TopicPartition, Long> logStart;
        long total;
        long inputs;
        try (Admin admin = broker.admin()) {
            logStart = partitionOffsets(admin, inputTopics, OffsetSpec.earliest());
            total = endOffsets(admin, w.measuredTopics());
            long measuredStart = 0;
            for (Map.Entry<TopicPartition, Long> e : logStart.entrySet()) {
                if (w.measuredTopics().contains(e.getKey().topic())) {
                    measuredStart += e.getValue();
                }
            }
            inputs = total - measuredStart; // offsets count from the log start once a reload deleted what was there
        }
        afterStart.accept(w, broker);
        long droppedBefore = dropped(w, applicationId);
        Map<TopicPartition, Long> outAfter = Map.of();
        try (Workload.Running running = started;
             Admin admin = broker.admin()) {
            long outputStart = w.latencyTopic() == null ? 0 : endOffsets(admin, List.of(w.latencyTopic()));
            long firstProgressNanos = 0;
            long firstProgressCount = 0;
            long doneNanos = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(quick ? 3 : 8);
            long polls = 0;
            while (System.nanoTime() < deadline) {
                // per partition from its log start: after a reload, a partition not committed yet has consumed nothing
                // (summing absolute offsets counted the deleted records of such partitions as consumed: 1.5-3x too fast)
                long consumed = Progress.consumed(committedOffsets(admin, running.groupId()), logStart, w.measuredTopics());
                long now = System.nanoTime();
                if (firstOutput == null && w.latencyTopic() != null && endOffsets(admin, List.of(w.latencyTopic())) > outputStart) {
                    firstOutput = (now - startNanos) / 1e9;
                }
                if (firstProgressNanos == 0 && consumed > 0) {
                    firstProgressNanos = now;
                    firstProgressCount = consumed;
                }
                if (consumed >= inputs && doneNanos == 0) {
                    doneNanos = now;
                }
                // inputs consumed is not results written: a re-keying service still has its repartition topics to drain
                if (doneNanos > 0 && internalLag(admin, running.groupId(), w.measuredTopics()) <= 0) {
                    double secs = (now - firstProgressNanos) / 1e9;
                    rate = secs <= 0 ? null : (inputs - firstProgressCount) / secs;
                    long beforeFirstCommit = firstProgressCount;
                    if (beforeFirstCommit > inputs / 10) {
                        // the first commit already covered much of the input: timing from it would overstate the rate
                        rate = inputs / ((now - startNanos) / 1e9);
                        note = "rate from the service's start (its first commit covered " + (100 * beforeFirstCommit / Math.max(1, inputs))
                                + " % of the input)";
                    }
                    outputs = w.outputTopics().isEmpty() ? null : endOffsets(admin, w.outputTopics()) - outputsBefore;
                    break;
                }
                if (++polls % 10 == 0 && !movedLogStarts(logStart, partitionOffsets(admin, inputTopics, OffsetSpec.earliest())).isEmpty()) {
                    break; // inputs deleted: the run cannot catch up on them, and will be failed below
                }
                Thread.sleep(100);
            }
            if (rate == null) {
                String offsets = offsetReport(admin, running.groupId(), w.measuredTopics());
                System.out.println("bench: " + w.name + " did not catch up; its group's offsets per partition:\n" + offsets);
                failures.add("did not catch up within the time limit (committed/end/log-start per partition printed above)");
            } else {
                if (check != null) {
                    outAfter = partitionOffsets(admin, List.of(w.checkTopic()), OffsetSpec.latest());
                }
                String verified = running.verify();
                if (verified != null) {
                    failures.add(verified);
                }
                if (w.latencyTopic() != null && latencySecs > 0) {
                    touched.add(loadKey);
                    latencies = latencyRun(broker, w, latencySecs);
                }
            }
            List<String> moved = movedLogStarts(logStart, partitionOffsets(admin, inputTopics, OffsetSpec.earliest()));
            if (!moved.isEmpty()) {
                failures.add("inputs deleted during the run: log start offset moved on " + String.join(", ", moved));
            }
        }
        if (check != null && rate != null) {
            String wrong = readOutputs(broker, w.checkTopic(), outBefore, outAfter, check);
            if (wrong != null) {
                failures.add(w.checkTopic() + " " + wrong);
            }
        }
        long dropped = dropped(w, applicationId) - droppedBefore;
        if (dropped > 0) {
            note = (note == null ? "" : note + "; ") + dropped + " records dropped/dead-lettered";
        }
        String status = Results.OK;
        if (!failures.isEmpty()) {
            status = Results.FAILED;
            rate = null;
            note = String.join("; ", failures) + (note == null ? "" : "; " + note);
        }
        double peakHeap = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
        double stateMb = directorySize(stateDir) / 1048576.0;
        Arrays.sort(latencies);
        return new Results.Row(w.name, round, status, inputs, rate, null, null, outputs, firstOutput,
                (long) latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.length == 0 ? null : (double) latencies[latencies.length - 1], peakHeap, stateMb, null, note);
    }

    private static List<String> movedLogStarts(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        List<String> moved = new ArrayList<>();
        before.forEach((tp, b) -> {
            long a = after.getOrDefault(tp, b);
            if (a != b) {
                moved.add(tp + " " + b + "->" + a);
            }
        });
        return moved;
    }

    /** Feeds every committed record of {@code topic} between the two offset maps to the check; its verdict. */
    static String readOutputs(EmbeddedKafkaBroker broker, String topic, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
                              Workload.OutputCheck check) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(to.keySet());
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, from.getOrDefault(tp, 0L));
            }
            boolean values = check.needsValues();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))) {
                if (System.nanoTime() > deadline) {
                    return "could not be read to their end within 3 minutes";
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < to.get(tp)) {
                        check.accept(text(r.key()), values ? text(r.value()) : null);
                    }
                }
            }
        }
        return check.failure();
    }

    /** Per partition of the measured topics and the group's other (internal) topics: committed, end and log start offsets. */
    static String offsetReport(Admin admin, String group, List<String> measured) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Set<String> topics = new java.util.TreeSet<>(measured);
        committed.keySet().forEach(tp -> topics.add(tp.topic()));
        Map<TopicPartition, Long> end = partitionOffsets(admin, List.copyOf(topics), OffsetSpec.latest());
        Map<TopicPartition, Long> start = partitionOffsets(admin, List.copyOf(topics), OffsetSpec.earliest());
        StringBuilder out = new StringBuilder();
        end.keySet().stream().sorted(java.util.Comparator.comparing(TopicPartition::toString)).forEach(tp -> {
            OffsetAndMetadata c = committed.get(tp);
            out.append(String.format(java.util.Locale.ROOT, "  %-60s committed %10s  end %10d  log-start %10d%n", tp,
                    c == null ? "-" : String.valueOf(c.offset()), end.get(tp), start.get(tp)));
        });
        return out.toString();
    }

    /** Offsets of every partition of these topics (latest: end, earliest: log start). */
    static Map<TopicPartition, Long> partitionOffsets(Admin admin, List<String> topics, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), spec));
        }
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static void preloadMeasured(EmbeddedKafkaBroker broker, Workload w, int scale, SampleRecords records, long t0) {
        try (KafkaProducer<String, String> producer = producer(broker, 20)) {
            long started = System.nanoTime();
            long n = 0;
            long ts = t0 + 10_000_000;
            for (Workload.Input in : w.measured(scale, records)) {
                producer.send(new ProducerRecord<>(in.topic(), null, ts + n / 10, in.key(), in.value()));
                n++;
            }
            producer.flush();
            LOG.info("{}: pre-loaded {} records in {} ms", w.name, n, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static long outputOffsets(EmbeddedKafkaBroker broker, Workload w) throws Exception {
        if (w.outputTopics().isEmpty()) {
            return 0;
        }
        try (Admin admin = broker.admin()) {
            return endOffsets(admin, w.outputTopics());
        }
    }

    /**
     * Records the service counted as dropped (under its service name) or dead-lettered (under its
     * application id); it runs in this JVM.
     */
    private static long dropped(Workload w, String applicationId) {
        long n = io.streammesh.common.runtime.RecordCounters.counts(applicationId).values().stream().mapToLong(Long::longValue).sum();
        if (!w.name.equals(applicationId)) {
            n += io.streammesh.common.runtime.RecordCounters.counts(w.name).values().stream().mapToLong(Long::longValue).sum();
        }
        return n;
    }

    /** Produces at a fixed rate with the current time as timestamp, and times each output's arrival. */
    private long[] latencyRun(EmbeddedKafkaBroker broker, Workload w, int seconds) throws Exception {
        SampleRecords records = new SampleRecords(7);
        List<Long> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong produced = new AtomicLong();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(w.latencyTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread sender = new Thread(() -> {
                try (KafkaProducer<String, String> producer = producer(broker, 0)) {
                    long intervalNanos = 1_000_000_000L / latencyRate;
                    long start = System.nanoTime();
                    long end = start + TimeUnit.SECONDS.toNanos(seconds);
                    long seq = 0;
                    while (System.nanoTime() < end) {
                        long due = start + seq * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        for (Workload.Input in : w.latencyEvent(seq, records)) {
                            producer.send(new ProducerRecord<>(in.topic(), null, System.currentTimeMillis(), in.key(), in.value()));
                            produced.incrementAndGet();
                        }
                        seq++;
                    }
                } finally {
                    producing.set(false);
                }
            }, "bench-latency-producer");
            long phaseStart = System.currentTimeMillis();
            sender.start();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < quietUntil) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    if (r.timestamp() >= phaseStart) { // a result of the latency run's own input
                        samples.add(System.currentTimeMillis() - r.timestamp());
                    }
                }
                if (!producing.get() && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                }
            }
            sender.join();
        }
        LOG.info("{}: latency run produced {} records, timed {} outputs", w.name, produced.get(), samples.size());
        return samples.stream().mapToLong(Long::longValue).toArray();
    }

    /** Records/s of the topology alone on TopologyTestDriver (no broker, no serde of the driver's own). */
    private double topologyOnly(Workload w, int scale, Path stateDir) {
        StreamService service = w.topology();
        Properties props = ServiceRuntime.streamsProperties(service, ServiceConfig.empty());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        // a fresh state directory: state left by an earlier, interrupted run would be refused under exactly-once
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        SampleRecords records = new SampleRecords(42);
        try (TopologyTestDriver driver = new TopologyTestDriver(service.build(ServiceConfig.empty()), props)) {
            Map<String, TestInputTopic<String, String>> inputs = new LinkedHashMap<>();
            List<TestOutputTopic<byte[], byte[]>> outputs = new ArrayList<>();
            for (String out : io.streammesh.common.runtime.TopologyTopics.of(service.build(ServiceConfig.empty())).outputs()) {
                outputs.add(driver.createOutputTopic(out, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            }
            long ts = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);
            for (Workload.Input in : w.tables(scale, records)) {
                input(driver, inputs, in.topic()).pipeInput(in.key(), in.value(), ts++);
            }
            long n = 0;
            long limit = Math.min(w.measuredCount(scale), 5_000L * scale);
            long started = System.nanoTime();
            for (Workload.Input in : w.measured(scale, records)) {
                if (n >= limit) {
                    break;
                }
                input(driver, inputs, in.topic()).pipeInput(in.key(), in.value(), ts + n / 10);
                if (++n % 10_000 == 0) {
                    outputs.forEach(TestOutputTopic::readRecordsToList);
                }
            }
            outputs.forEach(TestOutputTopic::readRecordsToList);
            return n / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver, Map<String, TestInputTopic<String, String>> inputs,
                                                        String topic) {
        return inputs.computeIfAbsent(topic, t -> driver.createInputTopic(t, new StringSerializer(), new StringSerializer()));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        // loading bench input needs neither: an idempotent producer that lost a batch under a
        // million-record burst was seen retrying OUT_OF_ORDER_SEQUENCE_NUMBER forever
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static long endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        long sum = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(request).all().get().values()) {
            sum += info.offset();
        }
        return sum;
    }

    /** The group's committed offset of every partition it has committed. */
    private static Map<TopicPartition, Long> committedOffsets(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, om) -> {
            if (om != null) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    /**
     * Records of the group's other topics (repartition topics) not yet consumed. Transaction markers
     * count as offsets, so up to one per partition is allowed for the marker after the last batch.
     */
    private static long internalLag(Admin admin, String group, List<String> measured) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        offsets.keySet().stream().filter(tp -> !measured.contains(tp.topic())).forEach(tp -> request.put(tp, OffsetSpec.latest()));
        if (request.isEmpty()) {
            return 0;
        }
        long lag = 0;
        for (var e : admin.listOffsets(request).all().get().entrySet()) {
            OffsetAndMetadata committed = offsets.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (committed == null ? 0 : committed.offset()) - 1);
        }
        return lag;
    }

    private static Double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return null;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return (double) sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long directorySize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", dir);
        }
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
