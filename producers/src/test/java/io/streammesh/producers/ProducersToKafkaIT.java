package io.streammesh.producers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generator into the real broker writes the records its {@code --to-file} recording holds: the
 * same keys (derived from the value by the registry, or none / the truck id where a generator sends
 * another) and the same value bytes, through the topic's serde.
 */
@KafkaBroker
class ProducersToKafkaIT {

    @TempDir
    Path dir;

    /** One record as topic, key and value text, whatever sink wrote it. */
    record Written(String topic, String key, String value) {
    }

    @Test
    void everyGeneratorWritesToKafkaWhatItRecords(EmbeddedKafkaBroker broker) throws Exception {
        List<Written> fromKafka = new ArrayList<>();
        List<Written> fromFiles = new ArrayList<>();
        String[][] runs = {
                {"gbfs-sim", "--stations", "30", "--regions", "3", "--tick", "1m", "--duration", "10m", "--start",
                        "2025-06-02T11:00:00Z", "--seed", "3"},
                {"customers", "--customers", "40", "--rounds", "3", "--updates", "5", "--every", "10ms", "--seed", "3"},
                {"marketplace", "--count", "60", "--first-job-id", "100", "--null-key-share", "0.3", "--seed", "3"},
                {"trucks", "--trucks", "5", "--trip-ticks", "8", "--first-job-id", "500", "--seed", "3"},
        };
        for (String[] run : runs) {
            Path file = dir.resolve(run[0] + ".jsonl");
            assertThat(ProducersApp.run(concat(run, "--to-file", file.toString()))).as(run[0]).isZero();
            Files.readAllLines(file).stream().map(Json::tree).map(ProducersToKafkaIT::fromLine).forEach(fromFiles::add);
            String[] toKafka = run[0].equals("gbfs-sim") ? concat(run, "--speed", "60000", "-b", broker.bootstrapServers())
                    : run[0].equals("customers") ? concat(run, "-b", broker.bootstrapServers())
                    : concat(run, "--fast", "-b", broker.bootstrapServers());
            assertThat(ProducersApp.run(toKafka)).as(run[0] + " to Kafka").isZero();
        }
        List<String> topics = Topics.producers().values().stream().flatMap(List::stream).map(Topic::name).toList();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "producers-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (fromKafka.size() < fromFiles.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    fromKafka.add(normalised(new Written(r.topic(), r.key(), new String(r.value(), StandardCharsets.UTF_8))));
                }
            }
        }
        assertThat(fromKafka).containsExactlyInAnyOrderElementsOf(fromFiles);
        assertThat(fromKafka).anyMatch(w -> w.topic().equals("order_placed") && w.key() == null)
                .anyMatch(w -> w.topic().equals("tradie_truck_location") && w.key().startsWith("truck-"));
    }

    private static Written fromLine(JsonNode line) {
        String key = line.get("key").isNull() ? null : line.get("key").asText();
        return normalised(new Written(line.get("topic").asText(), key, Json.write(line.get("value"))));
    }

    /** A job location's reporting_time is the run's start: the only part of a value that differs between two runs. */
    private static Written normalised(Written w) {
        if (!w.topic().equals(Topics.JOBLOCATION.name())) {
            return w;
        }
        ObjectNode value = (ObjectNode) Json.tree(w.value());
        value.remove("reporting_time");
        return new Written(w.topic(), w.key(), Json.write(value));
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
