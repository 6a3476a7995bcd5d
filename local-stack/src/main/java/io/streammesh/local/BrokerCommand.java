package io.streammesh.local;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs only the local Kafka broker (real, KRaft, no Docker) with every topic of the spec, until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Start a real single-node Kafka broker (KRaft) with every topic of the spec, until Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Client port (default: ${DEFAULT-VALUE}; 0 = any free port)", defaultValue = "9092")
    int port;

    @Option(names = "--data-dir", description = "Keep the broker's data here across runs (default: a temporary directory)")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(port);
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        EmbeddedKafkaBroker broker = builder.start();
        createSpecTopics(ServiceConfig.of(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), Map.of()));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stop.countDown();
        }));
        System.out.println("Kafka broker running at " + broker.bootstrapServers() + " with the spec's topics. Ctrl-C stops it.");
        System.out.println("Run a service against it: ./streammesh run station-enrichment --bootstrap-server " + broker.bootstrapServers());
        stop.await();
        return 0;
    }

    /**
     * Creates every topic of the spec that does not exist yet on the cluster of {@code config}
     * ({@code topic.partitions}, tables compacted), as the broker and the demo start; returns those it created.
     */
    public static List<String> createSpecTopics(ServiceConfig config) {
        return TopicProvisioner.ensure(config, Topics.ALL.stream().map(Topic::name).toList(), true);
    }
}
