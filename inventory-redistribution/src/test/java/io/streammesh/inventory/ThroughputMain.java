package io.streammesh.inventory;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.contracts.Topics;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Not a test: the bench module's topology-only workload for this service (10,000 stations in 20
 * regions, random bikes per update, stations.enriched JSON as the bench writes it) on
 * TopologyTestDriver, printing station updates/s and output records/s. Run with the test classpath:
 * {@code java -cp target/classes:target/test-classes:<deps> io.streammesh.inventory.ThroughputMain [updates] [rounds]}.
 */
public final class ThroughputMain {

    static final int STATIONS = 10_000;
    static final int REGIONS = 20;

    public static void main(String[] args) throws Exception {
        int updates = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int fanOut = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        InventoryRedistributionTopology service = new InventoryRedistributionTopology();
        // TopologyTestDriver has one partition: so the key rule is told, and every record is in place
        ServiceConfig config = ServiceConfig.empty().withInputPartitions(java.util.Map.of(Topics.STATIONS_ENRICHED.name(), 1));
        Properties props = ServiceRuntime.streamsProperties(service, config);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("inv-bench").toString());
        // fanOut > 0: the driver's own ceiling, a topology that only copies each input to fanOut output records
        // (args[3] = how many source topics it has, the driver's cost per output record grows with them)
        int sources = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Topology topology = fanOut > 0 ? fanOutTopology(fanOut, sources) : service.build(config);
        Random random = new Random(42);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            TestInputTopic<String, String> in = driver.createInputTopic(Topics.STATIONS_ENRICHED.name(),
                    new StringSerializer(), new StringSerializer());
            List<TestOutputTopic<byte[], byte[]>> outputs = new ArrayList<>();
            for (String out : TopologyTopics.of(topology).outputs()) {
                outputs.add(driver.createOutputTopic(out, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            }
            long ts = 1_700_000_000_000L;
            long i = 0;
            for (int round = 0; round < rounds; round++) {
                long outCount = 0;
                long started = System.nanoTime();
                for (int n = 0; n < updates; n++, i++) {
                    int station = (int) (i % STATIONS);
                    in.pipeInput("station-" + station, stationEnriched(random, station, 1_700_000_000L + i), ts + i / 10);
                    if ((n + 1) % 10_000 == 0) {
                        for (TestOutputTopic<byte[], byte[]> o : outputs) {
                            outCount += o.readRecordsToList().size();
                        }
                    }
                }
                for (TestOutputTopic<byte[], byte[]> o : outputs) {
                    outCount += o.readRecordsToList().size();
                }
                double secs = (System.nanoTime() - started) / 1e9;
                System.out.printf("round %d: %d updates in %.2f s = %.0f updates/s, %d outputs = %.0f outputs/s (%.1f per update)%n",
                        round, updates, secs, updates / secs, outCount, outCount / secs, (double) outCount / updates);
            }
        }
    }

    private static Topology fanOutTopology(int fanOut, int sources) {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        for (int k = 1; k < sources; k++) {
            builder.stream("unused-source-" + k, org.apache.kafka.streams.kstream.Consumed.with(org.apache.kafka.common.serialization.Serdes.ByteArray(), org.apache.kafka.common.serialization.Serdes.ByteArray())).foreach((key, value) -> { });
        }
        builder.stream(Topics.STATIONS_ENRICHED.name(), org.apache.kafka.streams.kstream.Consumed.with(
                        org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.ByteArray()))
                .flatMap((key, value) -> {
                    List<org.apache.kafka.streams.KeyValue<String, byte[]>> out = new ArrayList<>(fanOut);
                    for (int k = 0; k < fanOut; k++) {
                        out.add(org.apache.kafka.streams.KeyValue.pair(key + "-" + k, value));
                    }
                    return out;
                })
                .to(Topics.INVENTORY_REDISTRIBUTION.name(), org.apache.kafka.streams.kstream.Produced.with(
                        org.apache.kafka.common.serialization.Serdes.String(), org.apache.kafka.common.serialization.Serdes.ByteArray()));
        return builder.build();
    }

    /** As the bench's SampleRecords.stationEnriched. */
    static String stationEnriched(Random random, int station, long lastReported) {
        int cap = 10 + Math.floorMod(station * 7919, 51);
        int bikes = random.nextInt(cap + 1);
        double lat = 40.70 + Math.floorMod(station * 31, 1000) / 10000.0;
        double lon = -74.00 + Math.floorMod(station * 17, 1000) / 10000.0;
        return "{\"station_id\":\"station-" + station + "\",\"name\":\"Station " + station + "\",\"lat\":" + lat
                + ",\"lon\":" + lon + ",\"region_id\":\"region-" + (station % REGIONS) + "\",\"region_name\":\"Region "
                + (station % REGIONS) + "\",\"capacity\":" + cap + ",\"num_bikes_available\":" + bikes
                + ",\"num_bikes_disabled\":0,\"num_docks_available\":" + (cap - bikes)
                + ",\"num_docks_disabled\":0,\"is_installed\":true,\"is_renting\":true,\"is_returning\":true,\"last_reported\":"
                + lastReported + "}";
    }

    private ThroughputMain() {
    }
}
