package io.streammesh.producers;

import io.streammesh.common.config.ConnectionOptions;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.contracts.Topic;
import io.streammesh.producers.gbfs.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every generator takes: how to reach Kafka, or {@code --to-file} to record instead; and how
 * often to log the one-line summary.
 */
public class GeneratorOptions {

    @Mixin
    public ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--to-file", paramLabel = "FILE",
            description = "Write records to this JSONL file (the replay tool's input format) instead of Kafka")
    public Path toFile;

    @Option(names = "--seed", description = "Random seed, for reproducible runs (default ${DEFAULT-VALUE})", defaultValue = "42")
    public long seed;

    @Option(names = "--summary-every", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class,
            description = "How often to log the one-line summary (default ${DEFAULT-VALUE})")
    public Duration summaryEvery;

    /**
     * Starts a generator's run: its sink (the file when --to-file is given, no broker needed; else
     * Kafka, after checking the broker answers within {@code startup.timeout} (one clear line and exit 2
     * otherwise, instead of a minute of metadata retries) and creating the generator's topics when
     * missing, as the services do), its {@code /metrics} and {@code /health} on {@code http.port}, and
     * the periodic summary line.
     */
    public GeneratorRun start(String name, Topic<?>... topics) {
        ServiceConfig config = connection.loader().requireBootstrap(toFile == null).load();
        List<Topic<?>> written = Arrays.asList(topics);
        RecordSink sink;
        if (toFile != null) {
            sink = new JsonlFileSink(toFile);
        } else {
            TopicProvisioner.provision(config, written.stream().map(Topic::name).toList());
            sink = new KafkaRecordSink(config);
        }
        return GeneratorRun.start(name, sink, written, config.get(ProducerSettings.HTTP_PORT), summaryEvery);
    }
}
