package io.streammesh.local.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run the demo.
 *
 * @param workDir        where data and state live ({@code .streammesh/demo}); wiped at start and exit unless {@code keepData}
 * @param keepData       resume the previous run's broker data and service state
 * @param externalKafka  Kafka client properties of an external cluster, or null for the embedded broker
 * @param mongoUri       an external MongoDB, or null for the in-process one
 * @param webPort        the page's port (0 = any free port)
 * @param kafkaPort      the embedded broker's port (0 = any free port)
 * @param generators     the producers to run and their arguments
 * @param commitInterval Kafka Streams commit interval: how soon results show (exactly-once commits per interval)
 * @param settings       settings for every service ({@code --set}), over the demo's own (ports, state directories)
 */
public record DemoOptions(Path workDir, boolean keepData, Map<String, String> externalKafka, String mongoUri,
                          int webPort, int kafkaPort, List<DemoProducers.Generator> generators, Duration commitInterval,
                          Map<String, String> settings) {

    public DemoOptions {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** The producers at demo speed: a lively page within seconds, a load two cores carry next to six services. */
    public static List<DemoProducers.Generator> generators(int stations, int speed, int customers, double jobsPerSecond, int trucks) {
        return generators(null, stations, speed, customers, jobsPerSecond, trucks);
    }

    /**
     * The same, with the bike-share system read from a real GBFS feed ({@code producers gbfs --gbfs-url})
     * instead of simulated, when {@code gbfsUrl} is given.
     */
    public static List<DemoProducers.Generator> generators(String gbfsUrl, int stations, int speed, int customers,
                                                            double jobsPerSecond, int trucks) {
        return List.of(gbfsUrl != null
                        ? new DemoProducers.Generator("gbfs", List.of("--gbfs-url", gbfsUrl))
                        : new DemoProducers.Generator("gbfs-sim", List.of("--stations", String.valueOf(stations), "--speed", String.valueOf(speed))),
                new DemoProducers.Generator("customers", List.of("--customers", String.valueOf(customers))),
                new DemoProducers.Generator("marketplace", List.of("--rate", String.valueOf(jobsPerSecond), "--max-order-delay", "20s")),
                new DemoProducers.Generator("trucks", List.of("--trucks", String.valueOf(trucks), "--tick", "1s", "--trip-ticks", "60", "--loop")));
    }
}
