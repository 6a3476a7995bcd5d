package io.streammesh.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@KafkaBroker
class ServiceRuntimeIT {

    record Reading(String id, Integer value) {
        Reading {
            if (id == null) {
                throw new IllegalArgumentException("id is missing");
            }
        }
    }

    /** Doubles each reading; a negative one breaks the business rule and must be dead-lettered. */
    public static final class Doubler implements StreamService {
        @Override
        public String name() {
            return "runtime-it";
        }

        @Override
        public String description() {
            return "doubles readings";
        }

        @Override
        public Topology build(ServiceConfig config) {
            JsonSerde<Reading> serde = JsonSerde.of(Reading.class);
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("runtime-it.in", Consumed.with(Serdes.String(), serde))
                    .mapValues(r -> {
                        if (r.value() < 0) {
                            throw new IllegalStateException("negative reading " + r.value());
                        }
                        return new Reading(r.id(), r.value() * 2);
                    })
                    .to("runtime-it.out", Produced.with(Serdes.String(), serde));
            return builder.build();
        }
    }

    /** A failure no handler may take: an invariant the code relies on is broken on every record. */
    static final class BrokenInvariant extends Error {
        BrokenInvariant(String message) {
            super(message);
        }
    }

    /** Fails its stream thread on every record: the failure repeats however often the thread is replaced. */
    public static final class AlwaysFailing implements StreamService {
        private final String name;

        AlwaysFailing(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "fails on every record";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(name + ".in", Consumed.with(Serdes.String(), Serdes.String()))
                    .<String>mapValues(v -> {
                        throw new BrokenInvariant("cannot process " + v);
                    })
                    .to(name + ".out", Produced.with(Serdes.String(), Serdes.String()));
            return builder.build();
        }
    }

    @TempDir
    Path stateDir;

    @Test
    void aThreadThatKeepsFailingIsReplacedWithinItsBudgetThenTheServiceIsNotLive(EmbeddedKafkaBroker broker) throws Exception {
        AlwaysFailing service = new AlwaysFailing("runtime-it-failing");
        ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers()),
                Map.of("http.port", "0", "state.dir", stateDir.toString(), "stream.thread.replacements", "2"));
        try (ServiceRuntime runtime = ServiceRuntime.start(service, config)) {
            produce(broker, service.name() + ".in", "poison");
            // replaced twice (the record is never committed, so each new thread fails on it again), then shut down
            assertThat(runtime.awaitTermination(Duration.ofSeconds(60))).as("the client shut down").isTrue();
            assertThat(runtime.streams().state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.ERROR);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + runtime.httpPort() + "/health/live")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.body()).contains("\"ERROR\"");
            String metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + runtime.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("streammesh_stream_thread_failures_total{application_id=\"runtime-it-failing\"} 3.0");
        }
    }

    @Test
    void theLauncherExitsNonZeroOnceTheBudgetIsSpent(EmbeddedKafkaBroker broker) throws Exception {
        AlwaysFailing service = new AlwaysFailing("runtime-it-exit");
        broker.createTopics(1, false, service.name() + ".in");
        produce(broker, service.name() + ".in", "poison");
        int exit = ServiceLauncher.run(service, "-b", broker.bootstrapServers(), "--http-port", "0",
                "--state-dir", stateDir.toString(), "--set", "stream.thread.replacements=1");
        assertThat(exit).isEqualTo(1);
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        }
    }

    @Test
    void runsAServiceEndToEndAndDeadLettersPoisonRecordsWithoutStopping(EmbeddedKafkaBroker broker) throws Exception {
        ServiceConfig config = ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers(),
                        "commit.interval.ms", "100"),
                Map.of("http.port", "0", "state.dir", stateDir.toString()));

        try (ServiceRuntime runtime = ServiceRuntime.start(new Doubler(), config);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            // the runtime created input, output and dead-letter topics with 6 partitions
            try (Admin admin = broker.admin()) {
                var topics = admin.describeTopics(List.of("runtime-it.in", "runtime-it.out", "runtime-it.dlq")).allTopicNames().get();
                assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(6));
            }
            List<String> good = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String key = "k" + i;
                if (i == 10) {
                    producer.send(new ProducerRecord<>("runtime-it.in", key, "{this is not json"));
                } else if (i == 20) {
                    producer.send(new ProducerRecord<>("runtime-it.in", key, "{\"value\": 3}"));
                } else if (i == 30) {
                    producer.send(new ProducerRecord<>("runtime-it.in", key, "{\"ID\":\"" + key + "\",\"VALUE\":-1}"));
                } else {
                    producer.send(new ProducerRecord<>("runtime-it.in", key, "{\"ID\":\"" + key + "\",\"VALUE\":" + i + "}"));
                    good.add(key);
                }
            }
            producer.flush();

            List<ConsumerRecord<byte[], byte[]>> out = new CopyOnWriteArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> dlq = new CopyOnWriteArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker)) {
                consumer.subscribe(List.of("runtime-it.out", "runtime-it.dlq"));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        (r.topic().endsWith(".dlq") ? dlq : out).add(r);
                    }
                    return out.size() >= good.size() && dlq.size() >= 3;
                });
                // nothing more arrives: exactly once
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    (r.topic().endsWith(".dlq") ? dlq : out).add(r);
                }
            }

            assertThat(out).hasSize(good.size());
            assertThat(out.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList())
                    .containsExactlyInAnyOrderElementsOf(good);
            assertThat(out).anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"id\":\"k49\",\"value\":98}"));

            assertThat(dlq).hasSize(3);
            ConsumerRecord<byte[], byte[]> notJson = byKey(dlq, "k10");
            assertThat(new String(notJson.value(), StandardCharsets.UTF_8)).isEqualTo("{this is not json");
            assertThat(header(notJson, DeadLetters.TOPIC)).isEqualTo("runtime-it.in");
            assertThat(Integer.parseInt(header(notJson, DeadLetters.PARTITION))).isBetween(0, 5);
            assertThat(Long.parseLong(header(notJson, DeadLetters.OFFSET))).isGreaterThanOrEqualTo(0);
            assertThat(header(notJson, DeadLetters.STAGE)).isEqualTo("deserialization");
            assertThat(header(notJson, DeadLetters.APPLICATION)).isEqualTo("runtime-it");
            assertThat(header(notJson, DeadLetters.MESSAGE)).isNotBlank();

            assertThat(header(byKey(dlq, "k20"), DeadLetters.MESSAGE)).contains("id is missing");
            ConsumerRecord<byte[], byte[]> negative = byKey(dlq, "k30");
            assertThat(header(negative, DeadLetters.STAGE)).isEqualTo("processing");
            assertThat(header(negative, DeadLetters.MESSAGE)).contains("negative reading -1");
            assertThat(new String(negative.value(), StandardCharsets.UTF_8)).isEqualTo("{\"ID\":\"k30\",\"VALUE\":-1}");

            assertThat(DeadLetters.count("runtime-it")).isEqualTo(3);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + runtime.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            String metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + runtime.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("streammesh_records_dropped_total{application_id=\"runtime-it\",reason=\"dlq.deserialization\"} 2.0");
            assertThat(metrics).contains("kafka_stream");
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafkaBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "runtime-it-check",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static ConsumerRecord<byte[], byte[]> byKey(List<ConsumerRecord<byte[], byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
