package io.streammesh.local.query;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.TruckLocation;
import io.streammesh.embedded.Directories;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.local.BrokerCommand;
import io.streammesh.trucks.TruckTrackerTopology;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The query load of issue 14 on its own, for a quick reading on a laptop: an embedded broker,
 * truck-tracker fed {@value #INPUT_PER_SECOND} truck positions a second for {@value #JOBS} jobs, and
 * its output rate measured for one phase without and one with {@link QueryLoad} (200 lookups a
 * second of {@code truck_tracker}, 100 subscribers to its changes). Prints both rates and the
 * query figures. {@code java -cp local-stack.jar io.streammesh.local.query.QueryLoadCheck [SECONDS [SUBSCRIBERS]]}
 */
public final class QueryLoadCheck {

    static final int INPUT_PER_SECOND = 2000;
    static final int JOBS = 1000;

    private QueryLoadCheck() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        int subscribers = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path work = Files.createTempDirectory("streammesh-query-load");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).start()) {
            Map<String, String> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            BrokerCommand.createSpecTopics(ServiceConfig.of(kafka, Map.of()));
            ServiceConfig config = ServiceConfig.of(kafka, Map.of()).with(Settings.HTTP_PORT, "0")
                    .with(Settings.STATE_DIR, work.resolve("state").toString());
            try (ServiceRuntime trucks = ServiceRuntime.start(new TruckTrackerTopology(), config);
                 Feeder feeder = new Feeder(broker.bootstrapServers())) {
                URI instance = URI.create("http://localhost:" + trucks.httpPort());
                feeder.start();
                awaitRows(new QueryClient(instance));
                Thread.sleep(10_000); // warm up: every job gets its row, the JIT settles
                double without = outputRate(broker.bootstrapServers(), phase);
                System.out.printf("without query load: truck-tracker wrote %.0f records/s (fed %d/s)%n", without, INPUT_PER_SECOND);
                QueryLoad.Load load = new QueryLoad.Load(Topics.TRUCK_TRACKER.name(), 200, Topics.TRUCK_TRACKER.name(), subscribers);
                double[] with = new double[1];
                Thread counter = new Thread(() -> with[0] = outputRate(broker.bootstrapServers(), phase));
                counter.start();
                QueryLoad.Figures figures = QueryLoad.run(List.of(instance), phase, load);
                counter.join();
                System.out.printf("with query load:    truck-tracker wrote %.0f records/s (%.1f %% of the rate without)%n",
                        with[0], 100 * with[0] / Math.max(1, without));
                System.out.println("queries: " + figures);
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** Waits (up to two minutes) until truck-tracker runs and answers with rows: a busy machine starts it slowly. */
    static void awaitRows(QueryClient client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                if (!client.scan(Topics.TRUCK_TRACKER.name(), 1, null, null, null).rows().isEmpty()) {
                    return;
                }
            } catch (QueryClient.QueryFailure notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(500);
        }
    }

    /** Records truck-tracker committed to truck_tracker per second over {@code phase}, read as its consumers read them. */
    static double outputRate(String bootstrapServers, Duration phase) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRUCK_TRACKER.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            long count = 0;
            long end = System.nanoTime() + phase.toNanos();
            while (System.nanoTime() < end) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count / (phase.toMillis() / 1000.0);
        }
    }

    /** Truck positions at a steady {@value #INPUT_PER_SECOND} a second, after one location per job. */
    static final class Feeder implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong sent = new AtomicLong();
        private final Thread thread;

        Feeder(String bootstrapServers) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer());
            for (int job = 0; job < JOBS; job++) {
                String id = String.valueOf(job);
                producer.send(new ProducerRecord<>(Topics.JOBLOCATION.name(), id,
                        Json.write(new JobLocation(id, null, null, null, -33.9, 151.2, null))));
            }
            producer.flush();
            thread = new Thread(this::loop, "query-load-feeder");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            long started = System.nanoTime();
            while (running.get()) {
                long due = (System.nanoTime() - started) * INPUT_PER_SECOND / 1_000_000_000L;
                while (sent.get() < due) {
                    long n = sent.getAndIncrement();
                    String job = String.valueOf(n % JOBS);
                    double step = (n / JOBS % 100) / 1000.0;
                    producer.send(new ProducerRecord<>(Topics.TRADIE_TRUCK_LOCATION.name(), "truck-" + job,
                            Json.write(new TruckLocation(job, TruckLocation.EN_ROUTE, -33.8 - step, 151.1 + step, null))));
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
            producer.close(Duration.ofSeconds(5));
        }
    }
}
