package io.streammesh.producers.gbfs;

import io.streammesh.common.runtime.HttpEndpoint;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.producers.GeneratorOptions;
import io.streammesh.producers.GeneratorRun;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
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

/** {@code producers gbfs --gbfs-url URL}: a real GBFS system's feeds, published as the contract's records. */
@Command(name = "gbfs", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Reads a real GBFS system (2.x or 3.x) from its auto-discovery gbfs.json and publishes system_regions"
                        + " (if the system has them), station_information and station_status as system.regions, stations.info"
                        + " and stations.status, normalised to GBFS 2.3 names.",
                "Each file is fetched again when its ttl has passed (within --min-interval and --max-interval; 60s without"
                        + " one), with HTTP caching (a 304 publishes nothing) and gzip. Failures (429, 5xx, timeouts, bodies that"
                        + " are not GBFS) back off, honouring Retry-After, and keep the last good data.",
                "Statuses are published when they changed, unless --publish-every-fetch. Duplicate station ids, 2.x names in"
                        + " 3.x files (or the reverse) and implausible last_reported are handled and counted: see /feeds,"
                        + " /metrics and the summary line.",
                "Record a feed for offline replay: producers gbfs --gbfs-url URL --once --to-file feed.jsonl"})
public final class GbfsCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GbfsCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorOptions options = new GeneratorOptions();

    @Option(names = "--gbfs-url", required = true, paramLabel = "URL",
            description = "The system's auto-discovery file, e.g. https://gbfs.citibikenyc.com/gbfs/2.3/gbfs.json")
    String gbfsUrl;

    @Option(names = "--language", defaultValue = "en",
            description = "Language of the feeds and names to use, else the feed's first (default ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--once", description = "Read each feed once, publish, and exit (with --to-file: record the feed)")
    boolean once;

    @Option(names = "--publish-every-fetch",
            description = "Publish every station's status on every fetch, as the original producers did, instead of only the"
                    + " statuses that changed")
    boolean publishEveryFetch;

    @Option(names = "--min-interval", paramLabel = "DURATION", defaultValue = RefreshPolicy.MIN_INTERVAL, converter = Durations.class,
            description = "Never fetch a file more often than this, whatever its ttl (default ${DEFAULT-VALUE}, the contract's)")
    Duration minInterval;

    @Option(names = "--max-interval", paramLabel = "DURATION", defaultValue = RefreshPolicy.MAX_INTERVAL, converter = Durations.class,
            description = "Fetch a file at least this often, whatever its ttl (default ${DEFAULT-VALUE}, the contract's)")
    Duration maxInterval;

    @Option(names = "--initial-backoff", paramLabel = "DURATION", defaultValue = RefreshPolicy.INITIAL_BACKOFF, converter = Durations.class,
            description = "First wait after a failed fetch; doubles on each failure, or the publisher's Retry-After when longer"
                    + " (default ${DEFAULT-VALUE})")
    Duration initialBackoff;

    @Option(names = "--max-backoff", paramLabel = "DURATION", defaultValue = RefreshPolicy.MAX_BACKOFF, converter = Durations.class,
            description = "Longest wait between retries of a failing file (default ${DEFAULT-VALUE})")
    Duration maxBackoff;

    @Option(names = "--attempts", defaultValue = "5",
            description = "With --once: tries per file before giving up (default ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15s", converter = Durations.class,
            description = "Connect timeout, and longest a whole request may take (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        GbfsSource.Settings settings;
        try {
            settings = new GbfsSource.Settings(new URI(gbfsUrl.trim()), language,
                    new RefreshPolicy(minInterval, maxInterval, initialBackoff, maxBackoff), attempts, timeout, publishEveryFetch);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (StopSignal stop = StopSignal.onShutdown();
             GeneratorRun run = options.start("gbfs", Topics.SYSTEM_REGIONS, Topics.STATIONS_INFO, Topics.STATIONS_STATUS)) {
            GbfsSource source = new GbfsSource(settings, run.sink(), Clock.systemUTC());
            FeedMonitor monitor = source.monitor();
            monitor.bindTo(run.registry());
            run.summarise(monitor::summary);
            run.route("/feeds", exchange -> HttpEndpoint.respond(exchange, 200, "application/json", Json.write(monitor.health())));
            try (AutoCloseable visible = monitor.register()) {
                if (once) {
                    try {
                        GbfsSource.Summary read = source.pollOnce(stop);
                        LOG.info("gbfs: GBFS {} read once: {} regions, {} stations, {} statuses{}; {}", read.version(), read.regions(),
                                read.stations(), read.statuses(), options.toFile == null ? "" : " -> " + options.toFile, monitor.summary());
                        return 0;
                    } catch (GbfsSource.UnavailableException e) {
                        run.sink().flush();
                        spec.commandLine().getErr().println("gbfs: " + e.getMessage());
                        return 1;
                    }
                }
                source.run(stop);
                LOG.info("gbfs: stopped: {}; {}", run.sink().counts(), monitor.summary());
                return 0;
            }
        }
    }
}
