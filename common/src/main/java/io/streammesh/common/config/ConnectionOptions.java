package io.streammesh.common.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The command-line options every process of the suite takes to reach Kafka: a picocli mixin, so
 * services, producers and the sink all spell them the same way.
 */
public class ConnectionOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Kafka client properties, e.g. the client.properties the Confluent Cloud console gives"
                    + " (env: STREAMMESH_CONFIG). Keys starting with 'streammesh.' are application settings.")
    Path config;

    @Option(names = {"-b", "--bootstrap-server"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers; overrides bootstrap.servers (env: KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "NAME=VALUE",
            description = "Any Kafka client/Streams property, e.g. -X num.stream.threads=2"
                    + " (env: KAFKA_<NAME> with dots as underscores, e.g. KAFKA_SASL_JAAS_CONFIG)")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = {"-S", "--set"}, paramLabel = "NAME=VALUE",
            description = "An application setting, e.g. --set http.port=8081 (env: STREAMMESH_<NAME>, e.g. STREAMMESH_HTTP_PORT)")
    Map<String, String> settings = new LinkedHashMap<>();

    /** A loader with these options and the process environment; callers add their own options and defaults. */
    public ConfigLoader loader() {
        return loader(System.getenv());
    }

    public ConfigLoader loader(Map<String, String> env) {
        return ConfigLoader.create()
                .file(config)
                .environment(env)
                .kafkaOverrides(kafkaProperties)
                .kafkaOverride("bootstrap.servers", bootstrapServers)
                .settings(settings);
    }

    public Path configFile() {
        return config;
    }
}
