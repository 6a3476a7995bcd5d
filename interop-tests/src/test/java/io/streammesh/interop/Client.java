package io.streammesh.interop;

import io.streammesh.interop.InteropData.Input;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** A Kafka client writing the inputs: Kafka's Java producer, or Debian's kcat (librdkafka) with some settings. */
interface Client {

    /** Names the run: part of the services' application.id. */
    String name();

    /** Writes {@code records} (all of one topic) and returns once the broker has them all. */
    void write(String bootstrapServers, String topic, List<Input> records, Path workDir);

    /** Kafka's Java producer with its defaults: murmur2(key) % partitions, the partition Kafka Streams expects. */
    static Client javaProducer() {
        return new Client() {
            @Override
            public String name() {
                return "java";
            }

            @Override
            public void write(String bootstrapServers, String topic, List<Input> records, Path workDir) {
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new StringSerializer())) {
                    List<Future<RecordMetadata>> sent = new ArrayList<>();
                    for (Input r : records) {
                        sent.add(producer.send(new ProducerRecord<>(topic, r.key(), r.value())));
                    }
                    producer.flush();
                    for (Future<RecordMetadata> f : sent) {
                        f.get();
                    }
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the Java producer could not write " + topic + ": " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /**
     * {@code kcat -P} reading {@code key<TAB>value} lines, and lines without a tab as records without a
     * key (a line with an empty key before the tab would send an empty key, not none). {@code settings}
     * are librdkafka properties ({@code -X}); none means librdkafka's default partitioner,
     * {@code consistent_random}: CRC32(key) % partitions.
     */
    static Client kcat(String name, String... settings) {
        return new Client() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void write(String bootstrapServers, String topic, List<Input> records, Path workDir) {
                try {
                    Path lines = Files.createTempFile(workDir, topic, ".lines");
                    StringBuilder text = new StringBuilder();
                    for (Input r : records) {
                        if (r.value().contains("\t") || r.value().contains("\n") || (r.key() != null && r.key().contains("\t"))) {
                            throw new IllegalArgumentException("not one kcat line: " + r);
                        }
                        text.append(r.key() == null ? "" : r.key() + "\t").append(r.value()).append('\n');
                    }
                    Files.writeString(lines, text, StandardCharsets.UTF_8);
                    // idempotence only rules out a duplicate on a retry (one order would join twice); it leaves partitioning alone
                    List<String> command = new ArrayList<>(List.of(KCAT, "-P", "-b", bootstrapServers, "-t", topic, "-K", "\\t",
                            "-X", "enable.idempotence=true"));
                    for (String setting : settings) {
                        command.addAll(List.of("-X", setting));
                    }
                    Path log = workDir.resolve(topic + "-kcat.log");
                    Process kcat = new ProcessBuilder(command).redirectInput(lines.toFile()).redirectErrorStream(true)
                            .redirectOutput(log.toFile()).start();
                    if (!kcat.waitFor(60, TimeUnit.SECONDS)) {
                        kcat.destroyForcibly();
                        throw new IllegalStateException("kcat did not finish writing " + topic + " within 60 s");
                    }
                    if (kcat.exitValue() != 0) {
                        throw new IllegalStateException("kcat exited with " + kcat.exitValue() + " writing " + topic + ": "
                                + Files.readString(log));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    String KCAT = "kcat";

    /** {@code kcat -V}'s first line, or empty when kcat is not installed. */
    static Optional<String> kcatVersion() {
        try {
            Process p = new ProcessBuilder(KCAT, "-V").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0
                    ? out.lines().filter(l -> l.startsWith("Version")).findFirst().or(() -> Optional.of(out.strip()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
