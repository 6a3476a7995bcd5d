package io.streammesh.local;

import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ConnectionOptions;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.TopicProvisioner;
import io.streammesh.contracts.Topics;
import io.streammesh.local.deploy.DeploymentModel;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
        footer = {"", "Settings: startup.timeout (default 30s), topic.partitions (default 6), topic.replication.factor"
                + " (default: the broker's); --set NAME=VALUE or env STREAMMESH_<NAME>."})
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--check", description = "Create nothing; fail when a topic is missing")
    boolean check;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServiceConfig config = connection.loader().load();
        List<String> names = List.copyOf(DeploymentModel.fromCode().topics().keySet());
        Duration timeout = config.durationSetting("startup.timeout", Duration.ofSeconds(30));
        Properties props = new Properties();
        config.kafka().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        String rf = config.setting("topic.replication.factor", null);
        try (Admin admin = Admin.create(props)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, timeout,
                    config.intSetting("topic.partitions", Topics.PARTITIONS),
                    rf == null ? Optional.empty() : Optional.of(Short.parseShort(rf)));
            provisioner.awaitBroker(config.bootstrapServers());
            List<String> created = provisioner.ensure(names, !check);
            out.println("topics: " + names.size() + " topics present on " + config.bootstrapServers()
                    + (created.isEmpty() ? "" : "; created " + created));
        } catch (NumberFormatException e) {
            throw new ConfigException("Setting 'topic.replication.factor' must be a whole number");
        }
        return 0;
    }
}
