package io.streammesh.systemtests;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import io.streammesh.contracts.bikeshare.CustomerInfo;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.producers.KafkaRecordSink;
import io.streammesh.producers.RecordSink;
import io.streammesh.producers.customers.CustomerGenerator;
import io.streammesh.producers.gbfs.GbfsSimulator;
import io.streammesh.producers.marketplace.MarketplaceGenerator;
import io.streammesh.producers.marketplace.TruckFleet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The inputs, made live by the producers module's own generators (the gbfs simulator, the customer
 * generator, the marketplace generator and the truck fleet) and sent with the producers' own Kafka
 * sink (idempotent, acks=all), one sink per generator as the producers jar runs them. Every record
 * sent is also kept here, as the bytes sent, so the test knows what each input topic must hold and
 * can compute every expected output without the services' code.
 */
final class Feeds implements AutoCloseable {

    /** One record as a generator sent it: the value is the JSON the topic's serde wrote, null for a tombstone. */
    record Sent(String topic, String key, String value) {
    }

    static final int STATIONS = 80;
    static final int REGIONS = 3;
    static final int CUSTOMERS = 400;
    static final int TRUCKS = 15;

    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<RecordSink> sinks = new ArrayList<>();
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final EmbeddedKafkaBroker broker;
    private volatile boolean stopping;

    private final GbfsSimulator bikes = new GbfsSimulator(16L, STATIONS, REGIONS);
    private final CustomerGenerator customers = new CustomerGenerator(16L, CUSTOMERS);
    private final MarketplaceGenerator jobs = new MarketplaceGenerator(
            new MarketplaceGenerator.Settings(16L, 1L, 0.3, Duration.ofSeconds(10), 0.1));
    private final TruckFleet trucks = new TruckFleet(new TruckFleet.Settings(16L, TRUCKS, 1_000_000L, 30));

    Feeds(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** A producers' Kafka sink that also keeps what it sent. */
    private final class Recording implements RecordSink {
        private final KafkaRecordSink kafka;

        Recording() {
            this.kafka = new KafkaRecordSink(ServiceConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers()), Map.of()));
        }

        @Override
        public <V> void sendWithKey(Topic<V> topic, String key, V value, long timestamp) {
            String json = value == null ? null
                    : new String(topic.serde().serializer().serialize(topic.name(), value), StandardCharsets.UTF_8);
            kafka.sendWithKey(topic, key, value, timestamp);
            sent.add(new Sent(topic.name(), key, json));
        }

        @Override
        public void flush() {
            kafka.flush();
        }

        @Override
        public Map<String, Long> counts() {
            return kafka.counts();
        }

        @Override
        public String failure() {
            return kafka.failure();
        }

        @Override
        public void close() {
            kafka.close();
        }
    }

    private RecordSink sink() {
        RecordSink s = new Recording();
        sinks.add(s);
        return s;
    }

    /** The reference data every later record needs: regions, stations, customers. Flushed. */
    void sendReferenceData() {
        RecordSink bikeSink = sink();
        long now = System.currentTimeMillis();
        for (Region r : bikes.regions()) {
            bikeSink.send(Topics.SYSTEM_REGIONS, r, now);
        }
        for (StationInfo s : bikes.stationInfos()) {
            bikeSink.send(Topics.STATIONS_INFO, s, now);
        }
        bikeSink.flush();
        RecordSink customerSink = sink();
        for (CustomerInfo c : customers.customers()) {
            customerSink.send(Topics.CUSTOMERS_INFO, c, now);
        }
        for (CustomerDemographics d : customers.demographics()) {
            customerSink.send(Topics.CUSTOMERS_DEMOGRAPHICS, d, now);
        }
        customerSink.flush();
    }

    /** Starts the live generators; they run until {@link #stop()}. */
    void startLive() {
        RecordSink bikeSink = sinks.get(0);
        RecordSink customerSink = sinks.get(1);
        loop("gbfs-sim", 400, () -> {
            long now = System.currentTimeMillis();
            for (StationStatus s : bikes.tick()) {
                bikeSink.send(Topics.STATIONS_STATUS, s, now);
            }
            return true;
        });
        loop("customers", 500, () -> {
            long now = System.currentTimeMillis();
            for (CustomerDemographics d : customers.changes(8)) {
                customerSink.send(Topics.CUSTOMERS_DEMOGRAPHICS, d, now);
            }
            return true;
        });
        RecordSink jobSink = sink();
        loop("marketplace", 100, () -> {
            long now = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                MarketplaceGenerator.PlannedJob job = jobs.next(now);
                // both records now: the broker refuses timestamps far ahead, and the join's window is an hour
                String jobKey = job.jobKeyed() ? Long.toString(job.jobId()) : null;
                String orderKey = job.orderKeyed() ? Long.toString(job.jobId()) : null;
                if (job.orderPlacedAt() < job.jobCreatedAt()) {
                    jobSink.sendWithKey(Topics.ORDER_PLACED, orderKey, job.order(), now);
                    jobSink.sendWithKey(Topics.JOB_CREATED, jobKey, job.job(), now);
                } else {
                    jobSink.sendWithKey(Topics.JOB_CREATED, jobKey, job.job(), now);
                    jobSink.sendWithKey(Topics.ORDER_PLACED, orderKey, job.order(), now);
                }
            }
            return true;
        });
        RecordSink truckSink = sink();
        dispatch(truckSink);
        loop("trucks", 500, () -> {
            long now = System.currentTimeMillis();
            for (TruckFleet.Move m : trucks.tick()) {
                truckSink.sendWithKey(Topics.TRADIE_TRUCK_LOCATION, m.truckId(), m.position(), now);
            }
            if (trucks.allArrived()) {
                if (stopping) {
                    return false; // a round ends only when every truck arrived: the final rows are known
                }
                dispatch(truckSink);
            }
            return true;
        });
    }

    private void dispatch(RecordSink truckSink) {
        for (JobLocation j : trucks.dispatch(System.currentTimeMillis())) {
            truckSink.send(Topics.JOBLOCATION, j, System.currentTimeMillis());
        }
        // the positions of a job follow its location
        truckSink.flush();
    }

    private interface Step {
        boolean run() throws Exception;
    }

    private void loop(String name, long periodMillis, Step step) {
        Thread t = new Thread(() -> {
            try {
                long next = System.nanoTime();
                while (true) {
                    if (stopping && !name.equals("trucks")) {
                        return;
                    }
                    if (!step.run()) {
                        return;
                    }
                    next += TimeUnit.MILLISECONDS.toNanos(periodMillis);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "feed-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Stops the generators (the trucks finish their round), flushes every sink and fails if a send failed. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " still running 60 s after the stop");
            }
        }
        sinks.forEach(RecordSink::flush);
        for (RecordSink s : sinks) {
            if (s.failure() != null) {
                throw new AssertionError("a generator could not send: " + s.failure());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a generator failed", failures.get(0));
        }
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    List<Sent> sent(String topic) {
        return sent.stream().filter(s -> s.topic().equals(topic)).toList();
    }

    long count() {
        return sent.size();
    }

    @Override
    public void close() {
        stopping = true;
        sinks.forEach(s -> {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // closing after a failed run
            }
        });
    }
}
