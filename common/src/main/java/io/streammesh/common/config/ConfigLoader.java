package io.streammesh.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a {@link ServiceConfig} from, highest precedence first: command-line values, environment
 * variables, a {@code client.properties} file, defaults.
 *
 * <p>Environment mapping follows the convention of the Confluent and Apache Kafka images:
 * {@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config} ({@code _} is a dot, {@code __} an
 * underscore, {@code ___} a dash); {@code STREAMMESH_JOIN_GRACE} is the setting {@code join.grace}.
 * Variables that the Kafka scripts use for the JVM ({@code KAFKA_OPTS}, {@code KAFKA_HEAP_OPTS} ...)
 * are not client properties and are ignored. So is any other {@code KAFKA_*} variable that does not
 * name a Kafka client or Streams property (optionally behind a client prefix such as
 * {@code producer.} or {@code main.consumer.}): Kubernetes injects {@code KAFKA_PORT},
 * {@code KAFKA_SERVICE_HOST}, {@code KAFKA_PORT_9092_TCP_ADDR} ... into every pod of a namespace with
 * a Service named {@code kafka}, and those must not become properties. Ignored names are logged once
 * at WARN.
 */
public final class ConfigLoader {

    public static final String KAFKA_ENV_PREFIX = "KAFKA_";
    public static final String SETTING_ENV_PREFIX = "STREAMMESH_";
    /** Environment variable naming the properties file when --config is not given. */
    public static final String CONFIG_FILE_ENV = "STREAMMESH_CONFIG";

    private static final Set<String> NON_CLIENT_KAFKA_ENV = Set.of(
            "KAFKA_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG4J_OPTS",
            "KAFKA_JMX_OPTS", "KAFKA_DEBUG", "KAFKA_GC_LOG_OPTS", "KAFKA_HOME", "KAFKA_VERSION",
            "KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS", "KAFKA_TOOLS_LOG4J_LOGLEVEL",
            // logback.xml's level of the org.apache.kafka loggers
            "KAFKA_LOG_LEVEL");

    /** Prefixes Kafka Streams accepts in front of a client property ({@code producer.acks}, {@code main.consumer.*}). */
    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.TOPIC_PREFIX);

    private static final Set<String> KAFKA_PROPERTIES = kafkaPropertyNames();

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private Path file;
    private Map<String, String> env = Map.of();
    private final Map<String, String> cliKafka = new LinkedHashMap<>();
    private final Map<String, String> cliSettings = new LinkedHashMap<>();
    private final Map<String, String> defaultKafka = new LinkedHashMap<>();
    private final Map<String, String> defaultSettings = new LinkedHashMap<>();
    private boolean requireBootstrap = true;

    public static ConfigLoader create() {
        return new ConfigLoader();
    }

    /** The properties file; null means "none" unless {@value #CONFIG_FILE_ENV} names one. */
    public ConfigLoader file(Path file) {
        this.file = file;
        return this;
    }

    public ConfigLoader environment(Map<String, String> env) {
        this.env = env == null ? Map.of() : env;
        return this;
    }

    public ConfigLoader kafkaOverride(String name, String value) {
        if (value != null) {
            cliKafka.put(name, value);
        }
        return this;
    }

    public ConfigLoader kafkaOverrides(Map<String, String> overrides) {
        if (overrides != null) {
            overrides.forEach(this::kafkaOverride);
        }
        return this;
    }

    public ConfigLoader setting(String name, String value) {
        if (value != null) {
            cliSettings.put(name, value);
        }
        return this;
    }

    public ConfigLoader settings(Map<String, String> settings) {
        if (settings != null) {
            settings.forEach(this::setting);
        }
        return this;
    }

    public ConfigLoader kafkaDefault(String name, String value) {
        defaultKafka.put(name, value);
        return this;
    }

    public ConfigLoader settingDefault(String name, String value) {
        defaultSettings.put(name, value);
        return this;
    }

    /** Offline tools (replay, lineage) need no broker. */
    public ConfigLoader requireBootstrap(boolean require) {
        this.requireBootstrap = require;
        return this;
    }

    public ServiceConfig load() {
        Map<String, String> kafka = new LinkedHashMap<>(defaultKafka);
        Map<String, String> settings = new LinkedHashMap<>(defaultSettings);

        Path source = file;
        if (source == null && env.get(CONFIG_FILE_ENV) != null && !env.get(CONFIG_FILE_ENV).isBlank()) {
            source = Path.of(env.get(CONFIG_FILE_ENV).trim());
        }
        if (source != null) {
            readFile(source).forEach((k, v) -> {
                if (k.startsWith(ServiceConfig.SETTING_PREFIX)) {
                    settings.put(k.substring(ServiceConfig.SETTING_PREFIX.length()), v);
                } else {
                    kafka.put(k, v);
                }
            });
        }
        Set<String> ignored = new TreeSet<>();
        env.forEach((name, value) -> {
            if (name.startsWith(KAFKA_ENV_PREFIX) && !NON_CLIENT_KAFKA_ENV.contains(name) && name.length() > KAFKA_ENV_PREFIX.length()) {
                String property = envToProperty(name.substring(KAFKA_ENV_PREFIX.length()));
                if (isKafkaProperty(property)) {
                    kafka.put(property, value);
                } else {
                    ignored.add(name);
                }
            } else if (name.startsWith(SETTING_ENV_PREFIX) && !name.equals(CONFIG_FILE_ENV) && name.length() > SETTING_ENV_PREFIX.length()) {
                settings.put(envToProperty(name.substring(SETTING_ENV_PREFIX.length())), value);
            }
        });
        if (!ignored.isEmpty()) {
            LOG.warn("Ignoring environment variables {}: they name no Kafka client or Streams property"
                    + " (Kubernetes service links such as KAFKA_PORT and KAFKA_SERVICE_HOST look like this;"
                    + " set enableServiceLinks: false in the pod to avoid them)", ignored);
        }
        kafka.putAll(cliKafka);
        settings.putAll(cliSettings);

        kafka.replaceAll((k, v) -> v == null ? null : v.trim());
        kafka.values().removeIf(v -> v == null || v.isEmpty());
        ServiceConfig config = ServiceConfig.of(kafka, settings);
        validate(config, source);
        return config;
    }

    private static Map<String, String> readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("Config file not found: " + path.toAbsolutePath()
                    + " (--config / " + CONFIG_FILE_ENV + "). Save the client.properties from the Confluent Cloud console there,"
                    + " or leave --config out and set KAFKA_BOOTSTRAP_SERVERS / --bootstrap-server.");
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + path.toAbsolutePath() + ": " + e.getMessage());
        }
        Map<String, String> result = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> result.put(k.trim(), props.getProperty(k)));
        return result;
    }

    /**
     * Whether {@code property} is a Kafka producer, consumer, admin or Streams property, alone or behind
     * one of the prefixes Kafka Streams passes on to its clients ({@code producer.}, {@code main.consumer.},
     * {@code topic.} ...).
     */
    static boolean isKafkaProperty(String property) {
        if (KAFKA_PROPERTIES.contains(property)) {
            return true;
        }
        for (String prefix : CLIENT_PREFIXES) {
            if (property.startsWith(prefix) && property.length() > prefix.length()
                    && (prefix.equals(StreamsConfig.TOPIC_PREFIX) || KAFKA_PROPERTIES.contains(property.substring(prefix.length())))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> kafkaPropertyNames() {
        Set<String> names = new java.util.HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }

    /** {@code SASL_JAAS_CONFIG} -> {@code sasl.jaas.config}; {@code __} -> {@code _}; {@code ___} -> {@code -}. */
    static String envToProperty(String envSuffix) {
        return envSuffix.toLowerCase(Locale.ROOT)
                .replace("___", "\u0001")
                .replace("__", "\u0002")
                .replace('_', '.')
                .replace('\u0001', '-')
                .replace('\u0002', '_');
    }

    public static String settingEnvName(String setting) {
        return SETTING_ENV_PREFIX + propertyToEnv(setting);
    }

    public static String kafkaEnvName(String property) {
        return KAFKA_ENV_PREFIX + propertyToEnv(property);
    }

    private static String propertyToEnv(String property) {
        return property.replace("_", "__").replace("-", "___").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    static boolean isSecret(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        return p.contains("jaas") || p.contains("password") || p.contains("secret") || p.contains("basic.auth.user.info");
    }

    /**
     * Kafka parses sasl.jaas.config only when the first client is created, and a mistake there (a
     * missing semicolon or quote) ends the process with a stack trace. Parsed here, it is one line.
     * The parser's messages name keys, never values; the value itself holds the secret and is not repeated.
     */
    private static void checkJaasSyntax(String jaas) {
        try {
            JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)));
        } catch (IllegalArgumentException | KafkaException e) {
            throw new ConfigException("Setting sasl.jaas.config is not valid (" + e.getMessage() + "). It reads, on one line:"
                    + " org.apache.kafka.common.security.plain.PlainLoginModule required username='<API key>' password='<API secret>';");
        }
    }

    private void validate(ServiceConfig config, Path source) {
        String bootstrap = config.bootstrapServers();
        if (requireBootstrap && (bootstrap == null || bootstrap.isBlank())) {
            throw new ConfigException("Missing setting bootstrap.servers: give --bootstrap-server HOST:PORT, set "
                    + kafkaEnvName("bootstrap.servers") + ", or put bootstrap.servers in the file given with --config"
                    + (source == null ? "" : " (" + source + " has none)") + ".");
        }
        String protocol = config.kafka("security.protocol");
        String mechanism = config.kafka("sasl.mechanism");
        String jaas = config.kafka("sasl.jaas.config");
        if (protocol != null && !Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol.toUpperCase(Locale.ROOT))) {
            throw new ConfigException("Setting security.protocol has an unknown value '" + protocol
                    + "': use PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (Confluent Cloud uses SASL_SSL).");
        }
        boolean sasl = protocol != null && protocol.toUpperCase(Locale.ROOT).startsWith("SASL_");
        if (sasl && (jaas == null || jaas.isBlank()) && (mechanism == null || !mechanism.equalsIgnoreCase("GSSAPI"))) {
            throw new ConfigException("Missing setting sasl.jaas.config: security.protocol=" + protocol
                    + " needs credentials. For Confluent Cloud: sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                    + " required username='<API key>' password='<API secret>'; (or set " + kafkaEnvName("sasl.jaas.config") + ").");
        }
        if (!sasl && (jaas != null || mechanism != null)) {
            throw new ConfigException("Contradictory settings: " + (jaas != null ? "sasl.jaas.config" : "sasl.mechanism")
                    + " is set but security.protocol is " + (protocol == null ? "not set (PLAINTEXT)" : protocol)
                    + ". Set security.protocol=SASL_SSL to use SASL, or remove the SASL settings.");
        }
        if (jaas != null && (jaas.contains("{{") || jaas.contains("<API key>") || jaas.contains("<CLUSTER_API_KEY>"))) {
            throw new ConfigException("Setting sasl.jaas.config still holds a placeholder: replace it with the cluster API key and secret.");
        }
        if (jaas != null) {
            checkJaasSyntax(jaas);
        }
        if (bootstrap != null && bootstrap.contains(".confluent.cloud") && !"SASL_SSL".equalsIgnoreCase(protocol)) {
            throw new ConfigException("Contradictory settings: bootstrap.servers points at Confluent Cloud (" + bootstrap
                    + ") but security.protocol is " + (protocol == null ? "not set" : protocol)
                    + ". Confluent Cloud needs security.protocol=SASL_SSL, sasl.mechanism=PLAIN and sasl.jaas.config.");
        }
    }
}
