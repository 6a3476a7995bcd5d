package io.streammesh.producers.marketplace;

import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.Topics;
import io.streammesh.producers.GeneratorOptions;
import io.streammesh.producers.GeneratorRun;
import io.streammesh.producers.RecordSink;
import java.time.Duration;
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

/** {@code producers trucks}: tradies' trucks driving to their jobs. */
@Command(name = "trucks", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Publishes joblocation (one row per job, keyed by job id) and tradie_truck_location (keyed by truck id):"
                        + " one truck per job reports its position every tick while it drives to the job (EN_ROUTE),"
                        + " then ARRIVED at the destination, so truck-tracker's distance and ETA fall to zero.",
                "Stops when every truck has arrived, unless --loop gives them new jobs."})
public final class TrucksCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(TrucksCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions options = new GeneratorOptions();

    @Option(names = "--trucks", paramLabel = "N", defaultValue = "50", description = "Trucks, one job each (default ${DEFAULT-VALUE})")
    int trucks;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "1s",
            description = "How often each driving truck reports its position (default ${DEFAULT-VALUE})")
    String tick;

    @Option(names = "--trip-ticks", paramLabel = "N", defaultValue = "120",
            description = "A trip takes between N/4 and N ticks (default ${DEFAULT-VALUE})")
    int tripTicks;

    @Option(names = "--first-job-id", paramLabel = "ID",
            description = "Job ids count up from here (default: the start time in seconds x 1000)")
    Long firstJobId;

    @Option(names = "--loop", description = "When every truck has arrived, give each a new job and drive again, until stopped")
    boolean loop;

    @Option(names = "--fast", description = "Do not wait between ticks: stamp records with simulated times (always so with --to-file)")
    boolean fast;

    @Override
    public Integer call() throws Exception {
        boolean simulated = fast || options.toFile != null;
        if (simulated && loop) {
            throw new ParameterException(spec.commandLine(), "--loop needs real time: with --fast or --to-file it would never end");
        }
        long time = System.currentTimeMillis();
        Duration tickEvery;
        TruckFleet fleet;
        try {
            tickEvery = Generators.duration("--tick", tick);
            if (tickEvery.isZero() || tickEvery.isNegative()) {
                throw new IllegalArgumentException("--tick must be above 0, got " + tick);
            }
            fleet = new TruckFleet(new TruckFleet.Settings(options.seed, trucks,
                    firstJobId != null ? firstJobId : time / 1000 * 1000, tripTicks));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int rounds = 0;
        try (Generators.Stopper stopper = Generators.stopOnShutdown();
             GeneratorRun run = options.start("trucks", Topics.JOBLOCATION, Topics.TRADIE_TRUCK_LOCATION)) {
            RecordSink sink = run.sink();
            Pacer pacer = simulated ? Pacer.simulated(time, stopper::stopping) : Pacer.realTime(stopper::stopping);
            try {
                do {
                    pacer.awaitTime(time);
                    List<JobLocation> jobs = fleet.dispatch(time);
                    for (JobLocation job : jobs) {
                        sink.send(Topics.JOBLOCATION, job, time);
                    }
                    // the locations first, so the tracker knows every job before its truck's first position
                    sink.flush();
                    LOG.info("trucks: round {}: {} trucks driving to jobs {}..{}", ++rounds, jobs.size(),
                            jobs.get(0).id(), jobs.get(jobs.size() - 1).id());
                    while (!fleet.allArrived()) {
                        time += tickEvery.toMillis();
                        pacer.awaitTime(time);
                        for (TruckFleet.Move move : fleet.tick()) {
                            sink.sendWithKey(Topics.TRADIE_TRUCK_LOCATION, move.truckId(), move.position(), time);
                        }
                    }
                    time += tickEvery.toMillis();
                } while (loop);
            } catch (InterruptedException e) {
                LOG.info("trucks: stopping");
            }
            sink.flush();
            LOG.info("trucks: {} round(s), {}", rounds, sink.counts());
        }
        return 0;
    }
}
