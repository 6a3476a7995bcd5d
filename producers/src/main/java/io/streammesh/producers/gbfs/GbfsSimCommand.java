package io.streammesh.producers.gbfs;

import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.Topics;
import io.streammesh.producers.GeneratorOptions;
import io.streammesh.producers.GeneratorRun;
import io.streammesh.producers.RecordSink;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code producers gbfs-sim}: the offline bike-share system, published as GBFS records. */
@Command(name = "gbfs-sim", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Simulates a bike-share system and publishes it as GBFS: system.regions and stations.info at start and"
                        + " every --info-every, stations.status for every station every --tick of simulated time.",
                "Bikes are ridden between stations, residential to business in the morning rush and back in the evening,"
                        + " so stations cross the surplus (>= 75%% full) and shortage (<= 25%% full) thresholds.",
                "Kafka records carry the time they are sent; with --to-file the simulation runs unpaced and records carry"
                        + " the simulated time, so a recording replays the session's timeline."})
public final class GbfsSimCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GbfsSimCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions options = new GeneratorOptions();

    @Option(names = "--stations", defaultValue = "" + GbfsSimulator.DEFAULT_STATIONS,
            description = "Number of stations (default ${DEFAULT-VALUE})")
    int stations;

    @Option(names = "--regions", defaultValue = "" + GbfsSimulator.DEFAULT_REGIONS,
            description = "Number of regions (default ${DEFAULT-VALUE}); at most half the stations")
    int regions;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "Simulated time between two status rounds (default ${DEFAULT-VALUE})")
    Duration tick;

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
            description = "Simulated seconds per wall-clock second, e.g. 60 for a simulated hour a minute (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--info-every", paramLabel = "DURATION", defaultValue = "5m", converter = Durations.class,
            description = "Simulated time between two publications of system.regions and stations.info (default ${DEFAULT-VALUE})")
    Duration infoEvery;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.class,
            description = "Stop after this much simulated time (default: run until stopped; 1h with --to-file)")
    Duration duration;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "Simulated start time, e.g. 2025-06-02T11:00:00Z (default: now)")
    Instant start;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "America/New_York",
            description = "Time zone of the city, for its rush hours (default ${DEFAULT-VALUE})")
    ZoneId zone;

    @Override
    public Integer call() {
        if (!(speed > 0)) {
            throw new ParameterException(spec.commandLine(), "--speed must be above 0, got " + speed);
        }
        GbfsSimulator sim;
        try {
            sim = new GbfsSimulator(new GbfsSimulator.Settings(options.seed, stations, regions,
                    start != null ? start : Instant.ofEpochSecond(Instant.now().getEpochSecond()), tick, zone));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean recording = options.toFile != null;
        Duration runFor = duration != null ? duration : recording ? Duration.ofHours(1) : null;
        Instant end = runFor == null ? null : sim.now().plus(runFor);
        try (StopSignal stop = StopSignal.onShutdown();
             GeneratorRun run = options.start("gbfs-sim", Topics.SYSTEM_REGIONS, Topics.STATIONS_INFO, Topics.STATIONS_STATUS)) {
            RecordSink sink = run.sink();
            run(sim, sink, stop, end, recording);
            LOG.info("gbfs-sim: {} stations in {} regions, simulated {} to {} ({} ticks): {}", stations, regions,
                    sim.settings().start(), sim.now(), sim.ticks(), sink.counts());
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
        return 0;
    }

    private void run(GbfsSimulator sim, RecordSink sink, StopSignal stop, Instant end, boolean recording) {
        long wallStart = System.currentTimeMillis();
        Instant simStart = sim.now();
        publishReference(sim, sink, timestamp(sim, recording));
        publishStatuses(sim.statuses(), sink, timestamp(sim, recording));
        Instant lastReference = sim.now();
        while (!stop.stopping() && (end == null || sim.now().isBefore(end))) {
            if (!recording) {
                long simulatedMillis = Duration.between(simStart, sim.now().plus(tick)).toMillis();
                if (!stop.sleepUntil(wallStart + Math.round(simulatedMillis / speed))) {
                    break;
                }
            }
            List<StationStatus> statuses = sim.tick();
            long timestamp = timestamp(sim, recording);
            if (!Duration.between(lastReference, sim.now()).minus(infoEvery).isNegative()) {
                publishReference(sim, sink, timestamp);
                lastReference = sim.now();
            }
            publishStatuses(statuses, sink, timestamp);
        }
        sink.flush();
    }

    private static long timestamp(GbfsSimulator sim, boolean recording) {
        return recording ? sim.now().toEpochMilli() : System.currentTimeMillis();
    }

    /**
     * Regions before stations, stations before their statuses: flushed, so the reference data is on
     * the broker before any status that needs it is sent (batches to different partitions may
     * otherwise land in any order, and a consumer could see a station's status before the station).
     */
    static void publishReference(GbfsSimulator sim, RecordSink sink, long timestamp) {
        for (Region region : sim.regions()) {
            sink.send(Topics.SYSTEM_REGIONS, region, timestamp);
        }
        for (StationInfo info : sim.stationInfos()) {
            sink.send(Topics.STATIONS_INFO, info, timestamp);
        }
        sink.flush();
    }

    static void publishStatuses(List<StationStatus> statuses, RecordSink sink, long timestamp) {
        for (StationStatus status : statuses) {
            sink.send(Topics.STATIONS_STATUS, status, timestamp);
        }
    }
}
