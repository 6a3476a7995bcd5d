package io.streammesh.producers.marketplace;

import io.streammesh.contracts.Topics;
import io.streammesh.producers.GeneratorOptions;
import io.streammesh.producers.GeneratorRun;
import io.streammesh.producers.RecordSink;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code producers marketplace}: customers ordering trade jobs from tradespeople. */
@Command(name = "marketplace", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Publishes job_created and order_placed: for each job, the tradesperson's job (price = their minimum,"
                        + " status 'Yet To Begin') and the customer's order (trade, contractor, location, price_quoted),"
                        + " a few seconds to minutes apart in either order, keyed by job_id.",
                "A share of the quotes is below the price, so marketplace-jobs emits both ACCEPTED and REJECTED."})
public final class MarketplaceCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions options = new GeneratorOptions();

    @Option(names = "--rate", paramLabel = "JOBS_PER_SECOND", defaultValue = "5",
            description = "New jobs per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N jobs, once both records of each are sent (default: run until stopped)")
    long count;

    @Option(names = "--below-price-share", paramLabel = "SHARE", defaultValue = "0.3",
            description = "Share of orders quoting less than the job's price, i.e. REJECTED (default ${DEFAULT-VALUE})")
    double belowPriceShare;

    @Option(names = "--max-order-delay", paramLabel = "DURATION", defaultValue = "3m",
            description = "A job's two records are 1s to this far apart, under the join's 1 hour (default ${DEFAULT-VALUE})")
    String maxOrderDelay;

    @Option(names = "--null-key-share", paramLabel = "SHARE", defaultValue = "0",
            description = "Share of records sent without a key, as producers written for the ksqlDB demo did (default ${DEFAULT-VALUE})")
    double nullKeyShare;

    @Option(names = "--first-job-id", paramLabel = "ID",
            description = "Job ids count up from here (default: the start time in seconds x 1000, so runs do not reuse ids)")
    Long firstJobId;

    @Option(names = "--fast", description = "Do not wait: stamp records with simulated times from now on and send them"
            + " as fast as possible (always so with --to-file)")
    boolean fast;

    /** A Kafka broker refuses records stamped more than this ahead of its clock (message.timestamp.after.max.ms, 1 hour by default). */
    static final java.time.Duration BROKER_FUTURE_LIMIT = java.time.Duration.ofHours(1);

    /**
     * --fast stamps jobs from now on at --rate: a long run's last records would lie hours ahead, and the broker
     * refuses them mid-run (seen with --count 1000000 at the default 5 jobs/s: 55 hours ahead). Say so before sending.
     */
    private void refuseFutureBeyondBrokerLimit() {
        java.time.Duration delay;
        try {
            delay = Generators.duration("--max-order-delay", maxOrderDelay);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long spanMs = Math.round(count * 1000.0 / rate) + delay.toMillis();
        if (spanMs > BROKER_FUTURE_LIMIT.toMillis()) {
            double minRate = Math.ceil(count * 1000.0 / Math.max(1, BROKER_FUTURE_LIMIT.toMillis() - delay.toMillis()));
            throw new ParameterException(spec.commandLine(), String.format(java.util.Locale.ROOT,
                    "--fast stamps %d jobs at %s jobs/s from now on: the last would be %.1f hours ahead, and a Kafka broker refuses "
                            + "records more than %d hour ahead of its clock (message.timestamp.after.max.ms) mid-run. "
                            + "Use --rate %.0f or more, a smaller --count, or --to-file",
                    count, rate, spanMs / 3_600_000.0, BROKER_FUTURE_LIMIT.toHours(), minRate));
        }
    }

    @Override
    public Integer call() throws Exception {
        boolean simulated = fast || options.toFile != null;
        if (rate <= 0) {
            throw new ParameterException(spec.commandLine(), "--rate must be above 0, got " + rate);
        }
        if (simulated && count <= 0) {
            throw new ParameterException(spec.commandLine(), "--fast and --to-file need --count: without waiting, the run would never end");
        }
        if (fast && options.toFile == null) {
            refuseFutureBeyondBrokerLimit();
        }
        long start = System.currentTimeMillis();
        MarketplaceGenerator.Settings settings;
        try {
            settings = new MarketplaceGenerator.Settings(options.seed, firstJobId != null ? firstJobId : start / 1000 * 1000,
                    belowPriceShare, Generators.duration("--max-order-delay", maxOrderDelay), nullKeyShare);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        MarketplaceGenerator generator = new MarketplaceGenerator(settings);
        long accepted = 0;
        long jobs = 0;
        try (Generators.Stopper stopper = Generators.stopOnShutdown();
             GeneratorRun run = options.start("marketplace", Topics.JOB_CREATED, Topics.ORDER_PLACED)) {
            RecordSink sink = run.sink();
            Pacer pacer = simulated ? Pacer.simulated(start, stopper::stopping) : Pacer.realTime(stopper::stopping);
            RecordSchedule schedule = new RecordSchedule(pacer, sink);
            double interval = 1000.0 / rate;
            try {
                for (; count <= 0 || jobs < count; jobs++) {
                    long spawn = start + Math.round(jobs * interval);
                    schedule.sendUntil(spawn);
                    MarketplaceGenerator.PlannedJob job = generator.next(spawn);
                    schedule.add(job.jobCreatedAt(), Topics.JOB_CREATED, job.job(), job.jobKeyed());
                    schedule.add(job.orderPlacedAt(), Topics.ORDER_PLACED, job.order(), job.orderKeyed());
                    accepted += "ACCEPTED".equals(job.intendedStatus()) ? 1 : 0;
                }
                schedule.sendAll();
            } catch (InterruptedException e) {
                LOG.info("marketplace: stopping");
            }
            sink.flush();
            LOG.info("marketplace: {} jobs ({} with a quote covering the price, {} below it){}, job ids {}..{}: {}",
                    jobs, accepted, jobs - accepted, schedule.pending() > 0 ? ", " + schedule.pending() + " records unsent at stop" : "",
                    settings.firstJobId(), settings.firstJobId() + jobs - 1, sink.counts());
        }
        return 0;
    }
}
