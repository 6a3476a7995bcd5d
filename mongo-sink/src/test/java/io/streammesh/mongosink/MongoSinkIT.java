package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.EmbeddedMongo;
import io.streammesh.embedded.junit.KafkaBroker;
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
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
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
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance of the sink on the real broker and the real MongoDB driver talking to the in-process
 * MongoDB server. Topic names are fixed by the spec and the broker is shared by the tests, so each
 * test uses its own consumer group whose offsets start at the current end of the topics, and its own
 * database.
 */
@KafkaBroker
class MongoSinkIT {

    static final String JOB_STATUS = Topics.JOB_STATUS.name();

    EmbeddedMongo mongo;
    MongoClient reader;
    final List<MongoSinkService> started = new ArrayList<>();

    @BeforeEach
    void startMongo() {
        mongo = EmbeddedMongo.start();
        reader = MongoClients.create(mongo.connectionString());
    }

    @AfterEach
    void stopAll() {
        started.forEach(MongoSinkService::close);
        reader.close();
        mongo.close();
    }

    /** One job's status record; {@code seq} (as price_quoted) says which record of a job came last. */
    record Status(long jobId, int seq) {
        String status() {
            return seq % 2 == 0 ? "REJECTED" : "ACCEPTED";
        }

        String json() {
            return "{\"job_id\":" + jobId + ",\"customer_id\":\"c-" + jobId + "\",\"service_option\":\"Plumbing\","
                    + "\"price\":100,\"price_quoted\":" + seq + ",\"current_status\":\"" + status() + "\"}";
        }
    }

    /** {@code count} records over {@code jobs} jobs (each job several times), and the last record of each job. */
    static List<Status> statuses(long firstJob, int jobs, int count) {
        List<Status> records = new ArrayList<>(count);
        for (int seq = 0; seq < count; seq++) {
            records.add(new Status(firstJob + seq % jobs, seq));
        }
        return records;
    }

    static Map<Long, Status> latest(List<Status> records) {
        Map<Long, Status> last = new LinkedHashMap<>();
        records.forEach(r -> last.put(r.jobId(), r));
        return last;
    }

    /** Sends records from a background thread at about {@code perSecond}, so a sink can be stopped mid-stream. */
    static final class Feeder implements AutoCloseable {
        private final Thread thread;
        private volatile Exception failure;

        Feeder(EmbeddedKafkaBroker broker, List<Status> records, int perSecond) {
            thread = new Thread(() -> {
                try (KafkaProducer<String, String> producer = producer(broker)) {
                    long started = System.nanoTime();
                    for (int i = 0; i < records.size(); i++) {
                        Status s = records.get(i);
                        producer.send(new ProducerRecord<>(JOB_STATUS, Long.toString(s.jobId()), s.json()));
                        long due = started + (long) (i * 1e9 / perSecond);
                        long ahead = due - System.nanoTime();
                        if (ahead > 2_000_000) {
                            producer.flush();
                            TimeUnit.NANOSECONDS.sleep(ahead);
                        }
                    }
                    producer.flush();
                } catch (Exception e) {
                    failure = e;
                }
            }, "feeder");
            thread.start();
        }

        void awaitDone() throws Exception {
            thread.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(thread.isAlive()).as("feeder finished").isFalse();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() throws Exception {
            thread.join(TimeUnit.MINUTES.toMillis(2));
        }
    }

    static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    /** Creates the topics if needed and starts {@code group} at their current end, so earlier tests' records are not read. */
    static Map<TopicPartition, Long> isolate(EmbeddedKafkaBroker broker, String group, List<String> inputs) throws Exception {
        try (Admin admin = broker.admin()) {
            List<String> topics = new ArrayList<>(inputs);
            topics.add(Topics.deadLetter(group).name());
            new TopicProvisioner(admin, Duration.ofSeconds(30), Topics.PARTITIONS, Optional.empty()).ensure(topics, true);
            Map<TopicPartition, Long> ends = endOffsets(admin, topics);
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            ends.forEach((tp, end) -> {
                if (inputs.contains(tp.topic())) {
                    start.put(tp, new OffsetAndMetadata(end));
                }
            });
            admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
            return ends;
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < Topics.PARTITIONS; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    static long committedTotal(EmbeddedKafkaBroker broker, String group) throws Exception {
        try (Admin admin = broker.admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    static int groupMembers(EmbeddedKafkaBroker broker, String group) throws Exception {
        try (Admin admin = broker.admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().size();
        }
    }

    static long total(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(Map.Entry::getValue).sum();
    }

    ServiceConfig config(EmbeddedKafkaBroker broker, String group, String database, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "http.port", "0",
                "mongodb.uri", mongo.connectionString(),
                "mongodb.database", database,
                "mongodb.timeout", "1s",
                "retry.backoff.initial", "200ms",
                "retry.backoff.max", "2s"));
        settings.putAll(extra);
        Map<String, String> kafka = new HashMap<>(Map.of("bootstrap.servers", broker.bootstrapServers()));
        if (group != null) {
            kafka.put("group.id", group);
        }
        return ServiceConfig.of(kafka, settings);
    }

    MongoSinkService start(ServiceConfig config) {
        return start(config, UnaryOperator.identity());
    }

    MongoSinkService start(ServiceConfig config, UnaryOperator<DocumentStore> decorate) {
        MongoSinkService service = MongoSinkService.start(config, decorate);
        started.add(service);
        return service;
    }

    MongoCollection<Document> collection(String database, String name) {
        return reader.getDatabase(database).getCollection(name);
    }

    /** Every job has exactly one document, and it holds the job's last status. */
    static void assertOneDocumentPerJobWithLatestStatus(MongoCollection<Document> collection, Map<Long, Status> expected) {
        List<Document> docs = collection.find().into(new ArrayList<>());
        assertThat(docs).hasSize(expected.size());
        Map<Long, Document> byId = docs.stream().collect(Collectors.toMap(d -> d.getLong("_id"), d -> d));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((job, last) -> {
            Document d = byId.get(job);
            assertThat(((Number) d.get("job_id")).longValue()).isEqualTo(job);
            assertThat(d.getInteger("price_quoted")).as("job %d's last record", job).isEqualTo(last.seq());
            assertThat(d.getString("current_status")).isEqualTo(last.status());
        });
    }

    static boolean caughtUp(MongoCollection<Document> collection, Map<Long, Status> expected) {
        if (collection.countDocuments() != expected.size()) {
            return false;
        }
        for (Document d : collection.find()) {
            Status last = expected.get(d.getLong("_id"));
            if (last == null || d.getInteger("price_quoted") != last.seq()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void tenThousandStatusesLeaveOneDocumentPerJobAndACrashBetweenWriteAndCommitLosesAndDuplicatesNothing(
            EmbeddedKafkaBroker broker) throws Exception {
        String group = "mongo-sink-it-crash";
        Map<TopicPartition, Long> start = isolate(broker, group, List.of(JOB_STATUS));
        List<Status> records = statuses(1_000_000, 4_000, 10_000);
        Map<Long, Status> expected = latest(records);
        ServiceConfig config = config(broker, group, "crash", Map.of("batch.max.records", "250"));
        MongoCollection<Document> jobs = collection("crash", "job_status");

        CrashAfterWrite crash = new CrashAfterWrite();
        MongoSinkService first = start(config, crash::wrap);
        long killedAfterCommits;
        try (Feeder feeder = new Feeder(broker, records, 2_500)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.sink().metrics().commits() >= 5);
            crash.crashAfterNextWrite(); // the loop dies right after MongoDB acknowledged a batch, before committing it
            assertThat(first.sink().awaitTermination(Duration.ofSeconds(60))).isTrue();
            SinkMetrics m = first.sink().metrics();
            assertThat(crash.acknowledgedWrites()).as("one acknowledged batch was never committed").isEqualTo(m.commits() + 1);
            killedAfterCommits = m.commits();
            feeder.awaitDone();
        }
        long committedAtCrash = committedTotal(broker, group) - total(start, JOB_STATUS);
        assertThat(committedAtCrash).as("the crash happened mid-run").isBetween(1L, 9_999L);
        long documentsAtCrash = jobs.countDocuments();

        long restarted = System.nanoTime();
        MongoSinkService second = start(config);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> caughtUp(jobs, expected));
        double seconds = (System.nanoTime() - restarted) / 1e9;
        await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(broker, group) - total(start, JOB_STATUS) == 10_000);

        assertOneDocumentPerJobWithLatestStatus(jobs, expected);
        // the restarted sink read everything after the last commit, the crashed batch included, and wrote it again
        assertThat(second.sink().metrics().recordsWritten()).isEqualTo(10_000 - committedAtCrash);
        assertThat(second.sink().state()).isEqualTo(MongoSink.State.RUNNING);
        System.out.printf("crash test: first sink committed %d batches (%d records, %d documents) before the crash;"
                        + " the restarted sink wrote %d records in %.1f s%n",
                killedAfterCommits, committedAtCrash, documentsAtCrash, second.sink().metrics().recordsWritten(), seconds);
    }

    @Test
    void aSinkProcessKilledWithSigkillMidRunIsReplacedWithoutLossOrDuplicates(EmbeddedKafkaBroker broker) throws Exception {
        Path jar = Path.of("target", "mongo-sink.jar");
        assumeThat(Files.exists(jar)).as("the runnable jar is built (mvn verify)").isTrue();
        String group = "mongo-sink-it-kill";
        Map<TopicPartition, Long> start = isolate(broker, group, List.of(JOB_STATUS));
        List<Status> records = statuses(2_000_000, 3_000, 10_000);
        Map<Long, Status> expected = latest(records);
        MongoCollection<Document> jobs = collection("kill", "job_status");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a killed member leaves no LeaveGroup behind: the short session lets the replacement take over in seconds
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(),
                "-b", broker.bootstrapServers(), "-X", "session.timeout.ms=6000", "--mongodb-uri", mongo.connectionString(),
                "--database", "kill", "--group-id", group, "--http-port", "0", "--batch-size", "100")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "mongo-sink-kill-test.log").toFile())
                .start();
        try {
            // feed only once the process consumes, so it is killed while records still stream in
            await().atMost(Duration.ofSeconds(90)).until(() -> groupMembers(broker, group) == 1);
            try (Feeder feeder = new Feeder(broker, records, 1_000)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> committedTotal(broker, group) - total(start, JOB_STATUS) >= 1_000);
                process.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit, no LeaveGroup
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                feeder.awaitDone();
            }
        } finally {
            process.destroyForcibly();
        }
        long committedAtKill = committedTotal(broker, group) - total(start, JOB_STATUS);
        assertThat(committedAtKill).as("killed mid-run").isLessThan(10_000);

        MongoSinkService replacement = start(config(broker, group, "kill", Map.of()));
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> caughtUp(jobs, expected));
        await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(broker, group) - total(start, JOB_STATUS) == 10_000);
        assertOneDocumentPerJobWithLatestStatus(jobs, expected);
        assertThat(replacement.sink().metrics().recordsWritten()).isEqualTo(10_000 - committedAtKill);
        System.out.printf("kill test: %d records committed when the process was killed; the replacement wrote %d%n",
                committedAtKill, replacement.sink().metrics().recordsWritten());
    }

    @Test
    void mongoDownForTenSecondsWhileRecordsKeepArrivingLosesNothingAndTheSinkKeepsRunning(EmbeddedKafkaBroker broker) throws Exception {
        String group = "mongo-sink-it-outage";
        Map<TopicPartition, Long> start = isolate(broker, group, List.of(JOB_STATUS));
        List<Status> records = statuses(3_000_000, 1_000, 4_000);
        Map<Long, Status> expected = latest(records);
        MongoCollection<Document> jobs = collection("outage", "job_status");
        MongoSinkService sink = start(config(broker, group, "outage", Map.of()));
        HttpClient http = HttpClient.newHttpClient();

        try (Feeder feeder = new Feeder(broker, records, 200)) { // about 20 s of traffic
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> jobs.countDocuments() >= 200);
            mongo.stop();
            long stoppedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.sink().state() == MongoSink.State.RETRYING);
            long committedEarly = committedTotal(broker, group);

            // hold MongoDB down for 12 s; the sink must stay alive, in its group, and commit nothing
            while (System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(12)) {
                assertThat(sink.sink().state()).isEqualTo(MongoSink.State.RETRYING);
                Thread.sleep(500);
            }
            assertThat(committedTotal(broker, group)).as("no offset moves past an unacknowledged write").isEqualTo(committedEarly);
            try (Admin admin = broker.admin()) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(30, TimeUnit.SECONDS).get(group);
                assertThat(description.members()).hasSize(1);
                assertThat(description.members().iterator().next().assignment().topicPartitions()).hasSize(Topics.PARTITIONS);
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + sink.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("RETRYING");
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + sink.httpPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("mongosink_paused{application_id=\"" + group + "\"} 1.0");
            assertThat(sink.sink().metrics().retries()).isGreaterThanOrEqualTo(3);

            mongo.restart();
            feeder.awaitDone();
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> caughtUp(jobs, expected));
        await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(broker, group) - total(start, JOB_STATUS) == records.size());
        assertOneDocumentPerJobWithLatestStatus(jobs, expected);
        assertThat(sink.sink().state()).isEqualTo(MongoSink.State.RUNNING);
        assertThat(sink.sink().metrics().recordsWritten()).isEqualTo(records.size());
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + sink.httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("mongosink_paused{application_id=\"" + group + "\"} 0.0")
                .contains("mongosink_records_written_total{application_id=\"" + group + "\",collection=\"job_status\",operation=\"upsert\"} "
                        + records.size() + ".0");
        System.out.printf("outage test: %d failed attempts while MongoDB was down%n", sink.sink().metrics().retries());
    }

    @Test
    void malformedRecordsLandOnMongoSinkDlqAndTheRecordsAroundThemAreWritten(EmbeddedKafkaBroker broker) throws Exception {
        String truckTracker = Topics.TRUCK_TRACKER.name();
        Map<TopicPartition, Long> start = isolate(broker, SinkSettings.NAME, List.of(JOB_STATUS, truckTracker));
        MongoSinkService sink = start(config(broker, null, "dlq", Map.of("mapping", JOB_STATUS + "=job_status," + truckTracker)));
        assertThat(sink.settings().deadLetterTopic()).isEqualTo("mongo-sink.dlq");

        try (KafkaProducer<String, String> producer = producer(broker)) {
            List<ProducerRecord<String, String>> records = List.of(
                    new ProducerRecord<>(JOB_STATUS, "1", new Status(1, 1).json()),
                    new ProducerRecord<>(JOB_STATUS, "2", "{\"job_id\": 2, \"current_status\": "),
                    new ProducerRecord<>(JOB_STATUS, "3", "{\"CUSTOMER_ID\":\"c-3\",\"CURRENT_STATUS\":\"ACCEPTED\"}"),
                    new ProducerRecord<>(JOB_STATUS, "4", "{\"JOB_ID\":4,\"CURRENT_STATUS\":\"REJECTED\"}"),
                    new ProducerRecord<>(JOB_STATUS, "1", null), // tombstone: job 1 is deleted again
                    new ProducerRecord<>(JOB_STATUS, "5", new Status(5, 3).json()),
                    new ProducerRecord<>(truckTracker, "5", "{\"job_id\":5,\"vehicle_id\":\"T-1\",\"lat\":-33.9,\"long\":151.1}"),
                    new ProducerRecord<>(truckTracker, "6", "[\"not\", \"an\", \"object\"]"));
            for (ProducerRecord<String, String> r : records) {
                producer.send(r).get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> dlq = start.keySet().stream().filter(tp -> tp.topic().equals("mongo-sink.dlq")).toList();
            consumer.assign(dlq);
            dlq.forEach(tp -> consumer.seek(tp, start.get(tp)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.size() >= 3;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
        }
        assertThat(dead).hasSize(3);
        Map<String, ConsumerRecord<byte[], byte[]>> byReason = new HashMap<>();
        dead.forEach(r -> byReason.put(header(r, DeadLetters.MESSAGE), r));
        ConsumerRecord<byte[], byte[]> broken = dead.stream().filter(r -> "2".equals(key(r))).findFirst().orElseThrow();
        assertThat(new String(broken.value(), StandardCharsets.UTF_8)).isEqualTo("{\"job_id\": 2, \"current_status\": ");
        assertThat(header(broken, DeadLetters.TOPIC)).isEqualTo(JOB_STATUS);
        assertThat(header(broken, DeadLetters.STAGE)).isEqualTo("deserialization");
        assertThat(header(broken, DeadLetters.APPLICATION)).isEqualTo("mongo-sink");
        assertThat(header(broken, DeadLetters.MESSAGE)).startsWith("value is not valid JSON");
        assertThat(Long.parseLong(header(broken, DeadLetters.OFFSET))).isGreaterThanOrEqualTo(0);
        assertThat(byReason).containsKey("job_id is missing");
        assertThat(byReason).containsKey("value is JSON array, not an object");
        assertThat(header(byReason.get("value is JSON array, not an object"), DeadLetters.TOPIC)).isEqualTo(truckTracker);

        MongoCollection<Document> jobs = collection("dlq", "job_status");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> jobs.countDocuments() == 2 && collection("dlq", truckTracker).countDocuments() == 1);
        assertThat(jobs.find().into(new ArrayList<>())).extracting(d -> d.getLong("_id")).containsExactlyInAnyOrder(4L, 5L);
        assertThat(jobs.find(new Document("_id", 4L)).first().getString("current_status")).isEqualTo("REJECTED");
        assertThat(collection("dlq", truckTracker).find().first().get("_id")).isEqualTo("5");
        // every offset is committed, the dead-lettered ones included
        await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(broker, SinkSettings.NAME)
                == total(start, JOB_STATUS) + total(start, truckTracker) + 8);

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + sink.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("streammesh_records_dropped_total{application_id=\"mongo-sink\",reason=\"dlq.deserialization\"} 3.0");
        assertThat(metrics).contains("mongosink_records_written_total{application_id=\"mongo-sink\",collection=\"job_status\",operation=\"delete\"} 1.0");
        assertThat(metrics).contains("kafka_consumer_");
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
