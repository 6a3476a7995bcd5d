package io.streammesh.local;

import io.streammesh.common.config.ConnectionOptions;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.local.deploy.DeploymentModel;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Creates the topics of the deployment that are missing on any Kafka: the same set Terraform
 * creates on Confluent Cloud (every spec topic and every dead-letter topic; 6 partitions, tables
 * compacted). docker compose runs it once before the producers start, so a table the producers
 * write (joblocation) is compacted from its first record.
 */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create the suite's topics that are missing on a Kafka cluster (every spec topic and dead-letter"
                + " topic: 6 partitions, tables compacted), waiting for the broker up to startup.timeout."},
        footerHeading = "%nSettings (--set NAME=VALUE or env STREAMMESH_<NAME>):%n")
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--check", description = "Create nothing; fail when a topic is missing")
    boolean check;

    /** The settings it reads, from their constants (set as the usage footer by {@link StreamMeshCli}). */
    static String[] footer() {
        return Stream.of(Settings.STARTUP_TIMEOUT, Settings.TOPIC_PARTITIONS, Settings.TOPIC_REPLICATION_FACTOR)
                .map(s -> String.format("  %-26s %s (default %s)", s.name(), s.description(), s.defaultText()))
                .toArray(String[]::new);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServiceConfig config = connection.loader().load();
        List<String> names = List.copyOf(DeploymentModel.fromCode().topics().keySet());
        List<String> created = TopicProvisioner.ensure(config, names, !check);
        out.println("topics: " + names.size() + " topics present on " + config.bootstrapServers()
                + (created.isEmpty() ? "" : "; created " + created));
        return 0;
    }
}
