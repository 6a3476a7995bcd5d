package io.streammesh.producers.customers;

import io.streammesh.contracts.bikeshare.CustomerInfo;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import io.streammesh.contracts.Topics;
import io.streammesh.producers.GeneratorOptions;
import io.streammesh.producers.GeneratorRun;
import io.streammesh.producers.RecordSink;
import io.streammesh.producers.gbfs.Durations;
import io.streammesh.producers.gbfs.StopSignal;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code producers customers}: customers' contact details once, then their changing demographics. */
@Command(name = "customers", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Publishes customers.info and customers.demographics for every customer (keyed by customer_id), then every"
                        + " --every re-publishes the demographics of --updates random customers (a birthday, a raise, a wedding ...),"
                        + " so customers.enriched keeps changing.",
                "With --to-file the rounds are not waited for and records carry simulated times --every apart."})
public final class CustomersCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(CustomersCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions options = new GeneratorOptions();

    @Option(names = "--customers", defaultValue = "" + CustomerGenerator.DEFAULT_CUSTOMERS,
            description = "Number of customers (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.class,
            description = "Time between two rounds of demographics changes (default ${DEFAULT-VALUE})")
    Duration every;

    @Option(names = "--updates", defaultValue = "10",
            description = "Customers whose demographics change in each round (default ${DEFAULT-VALUE})")
    int updates;

    @Option(names = "--rounds", paramLabel = "N",
            description = "Stop after N rounds of changes; 0 publishes the customers only (default: run until stopped; 10 with --to-file)")
    Integer rounds;

    @Override
    public Integer call() throws Exception {
        if (updates < 0 || every.isZero() && options.toFile == null) {
            throw new ParameterException(spec.commandLine(), "--updates must be 0 or more and --every above 0");
        }
        CustomerGenerator generator;
        try {
            generator = new CustomerGenerator(options.seed, customers);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        boolean recording = options.toFile != null;
        long limit = rounds != null ? rounds : recording ? 10 : Long.MAX_VALUE;
        long start = System.currentTimeMillis();
        long round = 0;
        try (StopSignal stop = StopSignal.onShutdown();
             GeneratorRun run = options.start("customers", Topics.CUSTOMERS_INFO, Topics.CUSTOMERS_DEMOGRAPHICS)) {
            RecordSink sink = run.sink();
            for (CustomerInfo info : generator.customers()) {
                sink.send(Topics.CUSTOMERS_INFO, info, start);
            }
            for (CustomerDemographics d : generator.demographics()) {
                sink.send(Topics.CUSTOMERS_DEMOGRAPHICS, d, start);
            }
            while (round < limit && !stop.stopping()) {
                long due = start + (round + 1) * every.toMillis();
                if (!recording && !stop.sleepUntil(due)) {
                    break;
                }
                long timestamp = recording ? due : System.currentTimeMillis();
                for (CustomerDemographics d : generator.changes(updates)) {
                    sink.send(Topics.CUSTOMERS_DEMOGRAPHICS, d, timestamp);
                }
                round++;
            }
            sink.flush();
            LOG.info("customers: {} customers, {} rounds of {} demographics changes: {}", customers, round, updates, sink.counts());
        }
        return 0;
    }
}
