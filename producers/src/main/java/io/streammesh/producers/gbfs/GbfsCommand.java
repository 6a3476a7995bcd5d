package io.streammesh.producers.gbfs;

import io.streammesh.contracts.Topics;
import io.streammesh.producers.GeneratorOptions;
import io.streammesh.producers.GeneratorRun;
import io.streammesh.producers.RecordSink;
import java.net.URI;
import java.net.URISyntaxException;
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

/** {@code producers gbfs --gbfs-url URL}: a real GBFS system's feeds, published as the suite's records. */
@Command(name = "gbfs", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Reads a real GBFS system (2.x or 3.x) from its auto-discovery gbfs.json and publishes system_regions"
                        + " (if the system has them), station_information and station_status as system.regions, stations.info"
                        + " and stations.status, normalised to GBFS 2.3 names. Each feed is polled after its ttl.",
                "Unreachable or malformed feeds are logged and retried with back-off.",
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

    @Option(names = "--min-interval", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "Never poll a feed more often than this, whatever its ttl (default ${DEFAULT-VALUE})")
    Duration minInterval;

    @Option(names = "--initial-backoff", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.class,
            description = "First wait after a failed fetch; doubles on each failure (default ${DEFAULT-VALUE})")
    Duration initialBackoff;

    @Option(names = "--max-backoff", paramLabel = "DURATION", defaultValue = "5m", converter = Durations.class,
            description = "Longest wait between retries of a failing feed (default ${DEFAULT-VALUE})")
    Duration maxBackoff;

    @Option(names = "--attempts", defaultValue = "5",
            description = "With --once: tries per feed before giving up (default ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15s", converter = Durations.class,
            description = "Connect and request timeout (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        GbfsSource.Settings settings;
        try {
            settings = new GbfsSource.Settings(new URI(gbfsUrl.trim()), language, minInterval, initialBackoff, maxBackoff,
                    attempts, timeout);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (StopSignal stop = StopSignal.onShutdown();
             GeneratorRun run = options.start("gbfs", Topics.SYSTEM_REGIONS, Topics.STATIONS_INFO, Topics.STATIONS_STATUS)) {
            RecordSink sink = run.sink();
            GbfsSource source = new GbfsSource(settings, sink);
            if (once) {
                try {
                    GbfsSource.Summary read = source.pollOnce(stop);
                    LOG.info("gbfs: GBFS {} read once: {} regions, {} stations, {} statuses{}", read.version(), read.regions(),
                            read.stations(), read.statuses(), options.toFile == null ? "" : " -> " + options.toFile);
                    return 0;
                } catch (GbfsSource.UnavailableException e) {
                    sink.flush();
                    spec.commandLine().getErr().println("gbfs: " + e.getMessage());
                    return 1;
                }
            }
            source.run(stop);
            LOG.info("gbfs: stopped: {}", sink.counts());
            return 0;
        }
    }
}
