package io.streammesh.common.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/streams/{topic}/changes} on a real broker: every record in order per key, replays, and a slow client's fate. */
@KafkaBroker
class StreamChangesIT {

    static final int KEYS = 10;

    @TempDir
    Path state;

    private final HttpClient http = HttpClient.newHttpClient();

    /** An SSE client reading every event into a list on the HTTP client's thread. */
    private final class Follower {
        final List<JsonNode> changes = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CompletableFuture<Void> done;

        Follower(ServiceRuntime instance, String topic, String query) {
            URI uri = URI.create("http://localhost:" + instance.httpPort() + "/v1/streams/" + topic + "/changes" + query);
            done = http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                try (Stream<String> lines = r.body()) {
                    String event = null;
                    for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                        String line = it.next();
                        if (line.startsWith("event: ")) {
                            event = line.substring(7);
                            events.add(event);
                        } else if (line.startsWith("data: ") && "change".equals(event)) {
                            changes.add(Json.tree(line.substring(6)));
                        } else if (line.startsWith("data: ") && "subscribed".equals(event)) {
                            subscribed.countDown();
                        }
                    }
                }
            });
        }

        void awaitSubscribed() throws InterruptedException {
            assertThat(subscribed.await(30, TimeUnit.SECONDS)).as("subscribed").isTrue();
        }
    }

    private ServiceRuntime start(EmbeddedKafkaBroker broker, String name, int buffer) {
        return ServiceRuntime.start(new QueryApiIT.Locations(name), ServiceConfig.of(
                Map.of("bootstrap.servers", broker.bootstrapServers()),
                Map.of("http.port", "0", "state.dir", state.resolve(name).toString(), "query.stream.buffer", String.valueOf(buffer))));
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic) {
        try (var admin = broker.admin()) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                broker.createTopics(6, false, topic);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per key, the sequence numbers in the order they arrived. */
    private static Map<String, List<Integer>> sequences(List<JsonNode> changes) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        changes.forEach(c -> byKey.computeIfAbsent(c.get("key").asText(), k -> new ArrayList<>()).add(c.get("value").get("seq").asInt()));
        return byKey;
    }

    /**
     * {@code perKey} records for each of {@value #KEYS} keys, sequence numbers per key; in rounds of
     * {@code round} records per key, each round sent once {@code follower} has every record so far,
     * so that a reader that keeps up is never further behind than one round.
     */
    private static void produce(EmbeddedKafkaBroker broker, String topic, int perKey, int round, String padding, Follower follower) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer())) {
            for (int seq = 0; seq < perKey; seq++) {
                for (int k = 0; k < KEYS; k++) {
                    producer.send(new ProducerRecord<>(topic, "k" + k, "{\"seq\":" + seq + ",\"pad\":\"" + padding + "\"}"));
                }
                if ((seq + 1) % round == 0) {
                    producer.flush();
                    int sent = (seq + 1) * KEYS;
                    await().atMost(Duration.ofSeconds(30)).until(() -> follower.changes.size() >= sent);
                }
            }
        }
    }

    @Test
    void aClientSeesEveryRecordWrittenAfterItSubscribedInOrderPerKeyAndAReplayFromTheBeginningToo(EmbeddedKafkaBroker broker)
            throws Exception {
        String topic = Topics.JOB_STATUS.name();
        createTopic(broker, topic);
        int perKey = 50;
        try (ServiceRuntime instance = start(broker, "sse-it-order", 1000)) {
            Follower live = new Follower(instance, topic, "");
            live.awaitSubscribed();
            produce(broker, topic, perKey, perKey, "", live);
            await().atMost(Duration.ofSeconds(30)).until(() -> live.changes.size() >= perKey * KEYS);
            assertThat(live.changes).hasSize(perKey * KEYS);
            List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
            assertThat(sequences(live.changes)).hasSize(KEYS).allSatisfy((key, seqs) -> assertThat(seqs).as(key).isEqualTo(expected));
            JsonNode first = live.changes.get(0);
            assertThat(first.get("topic").asText()).isEqualTo(topic);
            assertThat(first.has("partition") && first.has("offset") && first.has("timestamp")).isTrue();

            Follower replay = new Follower(instance, topic, "?from=beginning");
            await().atMost(Duration.ofSeconds(30)).until(() -> replay.changes.size() >= perKey * KEYS);
            assertThat(sequences(replay.changes)).isEqualTo(sequences(live.changes));

            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort()
                    + "/v1/streams/no.such.topic/changes")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort()
                    + "/v1/streams/" + topic + "/changes?from=yesterday")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileTheOthersAndTheServiceCarryOn(EmbeddedKafkaBroker broker) throws Exception {
        String topic = Topics.STATIONS_ENRICHED.name();
        createTopic(broker, topic);
        int perKey = 1000; // 10,000 records of 1 KB: more than the slow client's socket buffers (a few MB) and its 1,000 events hold
        try (ServiceRuntime instance = start(broker, "sse-it-slow", 1000);
             Socket slow = new Socket()) {
            slow.setReceiveBufferSize(1024);
            slow.setSoTimeout(30_000);
            slow.connect(new InetSocketAddress("localhost", instance.httpPort()));
            OutputStream request = slow.getOutputStream();
            request.write(("GET /v1/streams/" + topic + "/changes HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream slowIn = slow.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("event: subscribed")) {
                int b = slowIn.read();
                assertThat(b).isNotNegative();
                head.append((char) b);
            }
            Follower fast = new Follower(instance, topic, "");
            fast.awaitSubscribed();

            produce(broker, topic, perKey, 20, "x".repeat(1000), fast);
            // the slow client reads nothing meanwhile; the fast one gets everything, in order per key
            await().atMost(Duration.ofSeconds(60)).until(() -> fast.changes.size() >= perKey * KEYS);
            assertThat(fast.events).doesNotContain("dropped");
            List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
            assertThat(sequences(fast.changes)).hasSize(KEYS).allSatisfy((key, seqs) -> assertThat(seqs).as(key).isEqualTo(expected));
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.httpPort()
                    + "/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            // what the slow client finds when it finally reads: some records, then the server's final word
            byte[] buffer = new byte[64 * 1024];
            StringBuilder tail = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!tail.toString().contains("events behind") && System.nanoTime() < deadline) {
                int n = slowIn.read(buffer);
                if (n < 0) {
                    break;
                }
                tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (tail.length() > 128 * 1024) {
                    tail.delete(0, tail.length() - 1024); // keep the end, where the final event is
                }
            }
            assertThat(tail.toString()).contains("event: dropped").contains("fell 1000 events behind");
        }
    }
}
