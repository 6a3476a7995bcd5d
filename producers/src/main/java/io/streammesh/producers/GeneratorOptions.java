package io.streammesh.producers;

import io.streammesh.common.config.ConnectionOptions;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.contracts.Topic;
import java.util.Arrays;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every generator takes: how to reach Kafka, or {@code --to-file} to record instead; and a
 * one-line rate summary logged periodically.
 */
public class GeneratorOptions {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratorOptions.class);

    @Mixin
    public ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--to-file", paramLabel = "FILE",
            description = "Write records to this JSONL file (the replay tool's input format) instead of Kafka")
    public Path toFile;

    @Option(names = "--seed", description = "Random seed, for reproducible runs (default ${DEFAULT-VALUE})", defaultValue = "42")
    public long seed;

    @Option(names = "--summary-every", paramLabel = "DURATION", defaultValue = "10s",
            description = "How often to log the one-line rate summary (default ${DEFAULT-VALUE})")
    public String summaryEvery;

    /**
     * Opens the sink: the file when --to-file is given (no broker needed), else Kafka, after checking
     * the broker answers within {@code startup.timeout} (one clear line and exit 2 otherwise, instead
     * of a minute of metadata retries) and creating the generator's topics when missing, as the
     * services do.
     */
    public RecordSink openSink(Topic<?>... topics) {
        if (toFile != null) {
            return new JsonlFileSink(toFile);
        }
        ServiceConfig config = connection.loader().load();
        TopicProvisioner.provision(config, Arrays.stream(topics).map(Topic<?>::name).toList());
        return new KafkaRecordSink(config);
    }

    /** Logs "name: N records (R/s) [topic=count ...]" every --summary-every until the returned handle is closed. */
    public AutoCloseable startSummary(String name, RecordSink sink) {
        Duration every = io.streammesh.common.config.ServiceConfig.empty().withSetting("s", summaryEvery)
                .durationSetting("s", Duration.ofSeconds(10));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-summary");
            t.setDaemon(true);
            return t;
        });
        long[] last = {0, System.nanoTime()};
        timer.scheduleAtFixedRate(() -> {
            Map<String, Long> counts = sink.counts();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long now = System.nanoTime();
            double rate = (total - last[0]) / Math.max(1e-9, (now - last[1]) / 1e9);
            last[0] = total;
            last[1] = now;
            LOG.info("{}: {} records ({} /s) {}", name, total, String.format("%.1f", rate), counts);
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }
}
