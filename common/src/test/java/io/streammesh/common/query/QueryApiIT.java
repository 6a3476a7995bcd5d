package io.streammesh.common.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table queries across instances on a real broker: every key through every instance (most of
 * them owned by another), scans equal to the topic read independently, and what a query answers
 * while an instance is dead, without and with a standby.
 */
@KafkaBroker
class QueryApiIT {

    static final String STORE = "locations";
    static final int KEYS = 48;

    /** A table of job locations read from its topic into a store, served as a table. */
    static final class Locations implements StreamService {
        private final String name;
        private final Topic<JobLocation> topic;

        Locations(String name) {
            this.name = name;
            this.topic = Topic.json(name + ".locations", Topic.Kind.TABLE, JobLocation.class, "id", JobLocation::id, name, "test table");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a table of job locations";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.table(topic.name(), Consumed.with(Serdes.String(), topic.serde()),
                    Materialized.<String, JobLocation, KeyValueStore<Bytes, byte[]>>as(STORE)
                            .withKeySerde(Serdes.String()).withValueSerde(topic.serde()));
            return builder.build();
        }

        @Override
        public List<QueryableTable<?>> tables() {
            return List.of(QueryableTable.of(topic, STORE));
        }
    }

    @TempDir
    Path state;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void threeInstancesAnswerEveryKeyScanWhatTheTopicHoldsAndAnswer503WhileAnOwnerIsDead(EmbeddedKafkaBroker broker) throws Exception {
        Locations service = new Locations("query-it-three");
        try (ServiceRuntime a = start(service, broker, "a", 0);
             ServiceRuntime b = start(service, broker, "b", 0);
             ServiceRuntime c = start(service, broker, "c", 0)) {
            List<ServiceRuntime> all = List.of(a, b, c);
            awaitAssigned(all, 0);
            Map<String, JobLocation> written = write(broker, service.topic, 1);

            // the scan through any instance is the topic's latest value per key, read independently
            Map<String, JobLocation> topic = latest(broker, service.topic, written.size());
            assertThat(topic).isEqualTo(written);
            for (ServiceRuntime instance : all) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scan(instance, service.topic, 1000)).isEqualTo(topic));
            }

            // every key through every instance; most are owned by another one, and say so
            int forwarded = 0;
            for (String key : topic.keySet()) {
                String owner = "localhost:" + a.streams().queryMetadataForKey(STORE, key, Serdes.String().serializer()).activeHost().port();
                for (ServiceRuntime instance : all) {
                    HttpResponse<String> r = get(instance, "/v1/tables/" + service.topic.name() + "/" + key);
                    assertThat(r.statusCode()).as(key).isEqualTo(200);
                    assertThat(Json.read(r.body(), JobLocation.class)).isEqualTo(topic.get(key));
                    assertThat(r.headers().firstValue(TableQueries.SERVED_BY)).hasValue(owner);
                    assertThat(r.headers().firstValue(TableQueries.STANDBY_LAG)).isEmpty();
                    if (!owner.equals("localhost:" + instance.httpPort())) {
                        forwarded++;
                    }
                }
            }
            assertThat(forwarded).isGreaterThanOrEqualTo(topic.size());

            // pages of 7 through the cursor are the whole table in key order, each key once
            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = Json.tree(get(b, "/v1/tables/" + service.topic.name() + "?limit=7"
                        + (cursor == null ? "" : "&cursor=" + cursor)).body());
                page.get("rows").forEach(row -> paged.add(row.get("key").asText()));
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            } while (cursor != null);
            assertThat(paged).containsExactlyElementsOf(new TreeMap<>(topic).keySet());
            JsonNode range = Json.tree(get(c, "/v1/tables/" + service.topic.name() + "?from=job-10&to=job-19").body());
            List<String> inRange = new ArrayList<>();
            range.get("rows").forEach(row -> inRange.add(row.get("key").asText()));
            assertThat(inRange).containsExactlyElementsOf(new TreeMap<>(topic).subMap("job-10", true, "job-19", true).keySet());

            // errors are JSON with the right status
            assertThat(get(a, "/v1/tables/" + service.topic.name() + "/no-such-job").statusCode()).isEqualTo(404);
            assertThat(get(a, "/v1/tables/no.such.table").statusCode()).isEqualTo(404);
            assertThat(get(a, "/v1/tables/" + service.topic.name() + "?limit=0").statusCode()).isEqualTo(400);
            assertThat(get(a, "/v1/tables/" + service.topic.name() + "?limit=x").statusCode()).isEqualTo(400);
            assertThat(get(a, "/v1/tables/" + service.topic.name() + "?cursor=%25%25").statusCode()).isEqualTo(400);
            assertThat(get(a, "/v1/tables/" + service.topic.name() + "?from=z&to=a").statusCode()).isEqualTo(400);
            assertThat(Json.tree(get(a, "/v1/tables/no.such.table").body()).get("error").asText()).contains(service.topic.name());
            JsonNode catalog = Json.tree(get(a, "/v1/catalog").body());
            assertThat(catalog.get("tables").get(0).get("name").asText()).isEqualTo(service.topic.name());
            assertThat(catalog.get("tables").get(0).get("schema").get("properties").has("dest_lat")).isTrue();

            // c dies without leaving the group: its keys are unavailable until the group notices, then served again
            String cKey = keyOwnedBy(a, topic.keySet(), c);
            c.close();
            HttpResponse<String> meanwhile = get(a, "/v1/tables/" + service.topic.name() + "/" + cKey);
            assertThat(meanwhile.statusCode()).isEqualTo(503);
            assertThat(meanwhile.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(Json.tree(meanwhile.body()).get("error").asText()).contains("no standby");
            JobLocation moved = update(broker, service.topic, cKey, 2);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> r = get(b, "/v1/tables/" + service.topic.name() + "/" + cKey);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(Json.read(r.body(), JobLocation.class)).isEqualTo(moved);
            });
        }
    }

    @Test
    void whileAnOwnerIsDeadItsKeysComeFromAStandbyWithItsLag(EmbeddedKafkaBroker broker) throws Exception {
        Locations service = new Locations("query-it-standby");
        try (ServiceRuntime a = start(service, broker, "a", 1);
             ServiceRuntime b = start(service, broker, "b", 1)) {
            awaitAssigned(List.of(a, b), 1);
            Map<String, JobLocation> written = write(broker, service.topic, 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scan(a, service.topic, 1000)).isEqualTo(written));
            // a's stores, standbys of b's partitions included, hold every key
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Map<String, JobLocation> local = new TreeMap<>();
                try (var all = a.streams().store(StoreQueryParameters.fromNameAndType(STORE,
                        QueryableStoreTypes.<String, JobLocation>keyValueStore()).enableStaleStores()).all()) {
                    all.forEachRemaining(kv -> local.put(kv.key, kv.value));
                }
                return local.equals(written);
            });

            String bKey = keyOwnedBy(a, written.keySet(), b);
            b.close();
            HttpResponse<String> fromStandby = get(a, "/v1/tables/" + service.topic.name() + "/" + bKey);
            assertThat(fromStandby.statusCode()).isEqualTo(200);
            assertThat(Json.read(fromStandby.body(), JobLocation.class)).isEqualTo(written.get(bKey));
            // how many changelog records the standby may be behind (with exactly-once, a commit marker can count as one)
            assertThat(fromStandby.headers().firstValue(TableQueries.STANDBY_LAG).map(Long::parseLong)).hasValueSatisfying(
                    lag -> assertThat(lag).isBetween(0L, 1L));
            assertThat(scan(a, service.topic, 1000)).as("a scan too reads the dead owner's partitions from the standby")
                    .isEqualTo(written);

            // once the group has noticed, a is the owner and answers without the standby header
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> r = get(a, "/v1/tables/" + service.topic.name() + "/" + bKey);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue(TableQueries.STANDBY_LAG)).isEmpty();
                assertThat(r.headers().firstValue(TableQueries.SERVED_BY)).hasValue("localhost:" + a.httpPort());
            });
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** An instance; {@code id} makes it a static member, so closing it leaves it in the group like a crash would. */
    private ServiceRuntime start(Locations service, EmbeddedKafkaBroker broker, String id, int standbys) {
        Map<String, String> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", broker.bootstrapServers());
        kafka.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        kafka.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, String.valueOf(standbys));
        kafka.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, service.name() + "-" + id);
        kafka.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        kafka.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        Map<String, String> settings = Map.of("http.port", "0", "state.dir", state.resolve(id).toString(), "query.timeout", "1s");
        return ServiceRuntime.start(service, ServiceConfig.of(kafka, settings));
    }

    private static void awaitAssigned(List<ServiceRuntime> instances, int standbys) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> instances.stream().allMatch(i ->
                i.streams().state() == KafkaStreams.State.RUNNING
                        && i.streams().streamsMetadataForStore(STORE).size() == instances.size()
                        && i.streams().streamsMetadataForStore(STORE).stream().allMatch(m -> !m.topicPartitions().isEmpty()
                        && (standbys == 0 || !m.standbyTopicPartitions().isEmpty()))));
    }

    private static String keyOwnedBy(ServiceRuntime asker, Iterable<String> keys, ServiceRuntime owner) {
        for (String key : keys) {
            if (asker.streams().queryMetadataForKey(STORE, key, Serdes.String().serializer()).activeHost().port() == owner.httpPort()) {
                return key;
            }
        }
        throw new AssertionError("no key is owned by the instance on port " + owner.httpPort());
    }

    private static JobLocation location(String id, int version) {
        return new JobLocation(id, "customer " + id, null, "street " + version, -33.8 - version / 100.0, 151.2, 1_700_000_000_000L);
    }

    /** {@value #KEYS} keys, each written twice, a few of them deleted: the latest value per key that remains. */
    private static Map<String, JobLocation> write(EmbeddedKafkaBroker broker, Topic<JobLocation> topic, int version) {
        Map<String, JobLocation> expected = new TreeMap<>();
        try (KafkaProducer<String, String> producer = producer(broker)) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < KEYS; i++) {
                    String id = "job-" + i;
                    JobLocation value = location(id, version + round);
                    producer.send(new ProducerRecord<>(topic.name(), id, Json.write(value)));
                    expected.put(id, value);
                }
            }
            for (int i = 0; i < KEYS; i += 8) {
                producer.send(new ProducerRecord<>(topic.name(), "job-" + i, null));
                expected.remove("job-" + i);
            }
        }
        return expected;
    }

    private static JobLocation update(EmbeddedKafkaBroker broker, Topic<JobLocation> topic, String key, int version) {
        JobLocation value = location(key, version + 10);
        try (KafkaProducer<String, String> producer = producer(broker)) {
            producer.send(new ProducerRecord<>(topic.name(), key, Json.write(value)));
        }
        return value;
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    /** The topic's latest value per key (tombstones delete), read from its beginning by a plain consumer. */
    private static Map<String, JobLocation> latest(EmbeddedKafkaBroker broker, Topic<JobLocation> topic, int expectedKeys) {
        Map<String, JobLocation> latest = new TreeMap<>();
        long[] read = {0};
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic.name() + "-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    read[0]++;
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), Json.read(r.value(), JobLocation.class));
                    }
                }
                return read[0] == 2L * KEYS + KEYS / 8;
            });
        }
        assertThat(latest).hasSize(expectedKeys);
        return latest;
    }

    private Map<String, JobLocation> scan(ServiceRuntime instance, Topic<JobLocation> topic, int limit) throws Exception {
        HttpResponse<String> r = get(instance, "/v1/tables/" + topic.name() + "?limit=" + limit);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, JobLocation> rows = new TreeMap<>();
        List<String> order = new ArrayList<>();
        Json.tree(r.body()).get("rows").forEach(row -> {
            order.add(row.get("key").asText());
            rows.put(row.get("key").asText(), Json.MAPPER.convertValue(row.get("value"), JobLocation.class));
        });
        assertThat(order).as("rows in key order").isSorted();
        return rows;
    }

    private HttpResponse<String> get(ServiceRuntime instance, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort() + path))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
