package io.streammesh.common.runtime;

import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ConfigLoader;
import io.streammesh.common.config.ConnectionOptions;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Setting;
import io.streammesh.common.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code main} of every Kafka Streams service: parses the command line, resolves the
 * configuration, runs the service until SIGTERM / Ctrl-C, and turns configuration errors into one
 * clear line and exit code 2.
 */
public final class ServiceLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

    private ServiceLauncher() {
    }

    /** Runs the service; returns the process exit code. */
    public static int run(StreamService service, String... args) {
        CommandLine cli = commandLine(service);
        return cli.execute(args);
    }

    public static CommandLine commandLine(StreamService service) {
        CommandLine cli = new CommandLine(new RunCommand(service));
        cli.setCommandName(service.name());
        cli.getCommandSpec().usageMessage()
                .description(service.description())
                .footerHeading("%nSettings (--set NAME=VALUE, env STREAMMESH_<NAME>, or streammesh.NAME in the config file):%n")
                .footer(settingsFooter(service));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println(service.name() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    static String[] settingsFooter(StreamService service) {
        List<Setting<?>> all = new ArrayList<>(service.settings());
        all.addAll(Settings.SERVICE);
        List<String> lines = new ArrayList<>();
        for (Setting<?> s : all) {
            lines.add(String.format("  %-26s %s (default %s; env %s)", s.name(), s.description(), s.defaultText(), s.envName()));
        }
        lines.add("");
        lines.add("Kafka: any client property via the config file, -X NAME=VALUE or env KAFKA_<NAME>"
                + " (KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG ...).");
        lines.add("Precedence: command line > environment > config file > defaults.");
        lines.add("Defaults: processing.guarantee=exactly_once_v2; bad records go to <application.id>.dlq.");
        return lines.toArray(String[]::new);
    }

    @Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            versionProvider = Version.class)
    static final class RunCommand implements Callable<Integer> {
        private final StreamService service;

        @Mixin
        ConnectionOptions connection = new ConnectionOptions();

        @Option(names = "--application-id", paramLabel = "ID",
                description = "Kafka Streams application.id (default: the service name; env KAFKA_APPLICATION_ID)")
        String applicationId;

        @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port of /health and /metrics (default 8080; env STREAMMESH_HTTP_PORT)")
        Integer httpPort;

        @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state directory (env STREAMMESH_STATE_DIR)")
        Path stateDir;

        RunCommand(StreamService service) {
            this.service = service;
        }

        @Override
        public Integer call() throws Exception {
            ServiceConfig config = connection.loader()
                    .kafkaOverride("application.id", applicationId)
                    .setting(Settings.HTTP_PORT.name(), httpPort == null ? null : httpPort.toString())
                    .setting(Settings.STATE_DIR.name(), stateDir == null ? null : stateDir.toString())
                    .load();
            LogContext.identify(service.name(), ServiceRuntime.streamsProperties(service, config)
                    .getProperty(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG));
            ServiceRuntime runtime = ServiceRuntime.start(service, config);
            Thread hook = new Thread(runtime::close, service.name() + "-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            runtime.awaitTermination();
            LOG.info("{} stopped", service.name());
            return runtime.streams().state() == org.apache.kafka.streams.KafkaStreams.State.ERROR ? 1 : 0;
        }
    }

    /** The build's version, for --version. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ServiceLauncher.class.getPackage().getImplementationVersion();
            return new String[] {"streammesh " + (v == null ? "dev" : v)};
        }
    }
}
