package io.streammesh.mongosink;

import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ConnectionOptions;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Setting;
import io.streammesh.common.config.Settings;
import io.streammesh.common.runtime.ServiceLauncher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mongo-sink}: drains {@code job_status} into MongoDB until SIGTERM / Ctrl-C. */
@Command(name = SinkSettings.NAME, mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = ServiceLauncher.Version.class,
        description = {"Drains job_status (and any topic given with --mapping) into MongoDB: one document per job,"
                + " _id = job_id, upserted with unordered bulk writes; a tombstone deletes the document. Offsets are"
                + " committed only after MongoDB acknowledged the batch; while MongoDB is unreachable the partitions"
                + " are paused and the write retried with back-off. Records that can never be written go to"
                + " <group.id>.dlq (mongo-sink.dlq)."})
public final class MongoSinkApp implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--mongodb-uri", paramLabel = "URI",
            description = "MongoDB connection string, e.g. mongodb://localhost:27017 or mongodb+srv://user:pw@cluster.example.net"
                    + " (also env " + SinkSettings.MONGODB_URI_ENV + ")")
    String mongoUri;

    @Option(names = "--database", paramLabel = "NAME", description = "Database the collections live in")
    String database;

    @Option(names = "--mapping", paramLabel = "TOPIC=COLLECTION",
            description = "Drain TOPIC into COLLECTION; repeat for several topics (as a setting, comma-separated:"
                    + " job_status=job_status,truck_tracker=truck_tracker)."
                    + " job_status documents are keyed by job_id, other topics by the record key.")
    List<String> mappings = new ArrayList<>();

    @Option(names = "--write-concern", paramLabel = "W",
            description = "majority or a number of nodes >= 1")
    String writeConcern;

    @Option(names = "--group-id", paramLabel = "ID",
            description = "Consumer group, also the name of the dead-letter topic <ID>.dlq (default " + SinkSettings.NAME + "; env KAFKA_GROUP_ID)")
    String groupId;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port of /health and /metrics; 0 picks a free port")
    Integer httpPort;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Write a batch once it holds N records")
    Integer batchSize;

    @Option(names = "--batch-wait", paramLabel = "DURATION",
            description = "How long a partial batch waits for more records")
    String batchWait;

    @Option(names = "--max-backoff", paramLabel = "DURATION",
            description = "Longest wait between attempts while MongoDB fails")
    String maxBackoff;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MongoSinkApp());
        cli.getCommandSpec().usageMessage()
                .footerHeading("%nSettings, with their defaults (the options above set them too; --set NAME=VALUE, env STREAMMESH_<NAME>,"
                        + " or streammesh.NAME in the config file):%n")
                .footer(footer());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println(SinkSettings.NAME + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    static String[] footer() {
        List<String> lines = new ArrayList<>();
        for (Setting<?> s : SinkSettings.SETTINGS) {
            lines.add(String.format("  %-24s %s (default %s; env %s)", s.name(), s.description(), s.defaultText(), s.envName()));
        }
        lines.add("");
        lines.add("Kafka: any client property via the config file, -X NAME=VALUE or env KAFKA_<NAME>"
                + " (KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG, KAFKA_MAX_POLL_RECORDS ...).");
        lines.add("Defaults: isolation.level=read_committed, auto.offset.reset=earliest, max.poll.records=min(2000, batch size);"
                + " enable.auto.commit is always false.");
        lines.add("Precedence: command line > environment > config file > defaults.");
        return lines.toArray(String[]::new);
    }

    ServiceConfig config(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        String uriEnv = SinkSettings.MONGODB_URI.envName();
        if (env.get(SinkSettings.MONGODB_URI_ENV) != null && env.get(uriEnv) == null) {
            env.put(uriEnv, env.get(SinkSettings.MONGODB_URI_ENV));
        }
        return connection.loader(env)
                .kafkaOverride(ConsumerConfig.GROUP_ID_CONFIG, groupId)
                .setting(SinkSettings.MONGODB_URI.name(), mongoUri)
                .setting(SinkSettings.DATABASE.name(), database)
                .setting(SinkSettings.MAPPING.name(), mappings.isEmpty() ? null : String.join(",", mappings))
                .setting(SinkSettings.WRITE_CONCERN.name(), writeConcern)
                .setting(Settings.HTTP_PORT.name(), httpPort == null ? null : httpPort.toString())
                .setting(SinkSettings.BATCH_MAX_RECORDS.name(), batchSize == null ? null : batchSize.toString())
                .setting(SinkSettings.BATCH_MAX_WAIT.name(), batchWait)
                .setting(SinkSettings.RETRY_BACKOFF_MAX.name(), maxBackoff)
                .load();
    }

    @Override
    public Integer call() throws Exception {
        ServiceConfig config = config(System.getenv());
        String group = config.kafka("group.id");
        io.streammesh.common.runtime.LogContext.identify(SinkSettings.NAME, group == null || group.isBlank() ? SinkSettings.NAME : group);
        MongoSinkService service = MongoSinkService.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, SinkSettings.NAME + "-shutdown"));
        service.awaitTermination();
        return service.sink().state() == MongoSink.State.FAILED ? 1 : 0;
    }
}
