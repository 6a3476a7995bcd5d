package io.streammesh.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    /** What the Confluent Cloud console's "Clients" page gives. */
    private Path confluentCloudProperties() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, """
                # Required connection configs for Kafka producer, consumer, and admin
                bootstrap.servers=pkc-abc12.us-east-1.aws.confluent.cloud:9092
                security.protocol=SASL_SSL
                sasl.mechanisms=PLAIN
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username='KEY' password='SECRET';
                # Best practice for higher availability in Apache Kafka clients prior to 3.0
                session.timeout.ms=45000
                client.dns.lookup=use_all_dns_ips
                acks=all
                streammesh.join.grace=10m
                """);
        return file;
    }

    @Test
    void readsAConfluentCloudClientPropertiesFile() throws Exception {
        ServiceConfig config = ConfigLoader.create().file(confluentCloudProperties()).load();

        assertThat(config.bootstrapServers()).isEqualTo("pkc-abc12.us-east-1.aws.confluent.cloud:9092");
        assertThat(config.kafka("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(config.kafka("sasl.jaas.config")).contains("username='KEY'");
        assertThat(config.kafka("session.timeout.ms")).isEqualTo("45000");
        assertThat(config.durationSetting("join.grace", Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.kafka()).doesNotContainKey("streammesh.join.grace");
        assertThat(config.toString()).doesNotContain("SECRET");
    }

    @Test
    void environmentOverridesTheFileAndCommandLineOverridesBoth() throws Exception {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "pkc-env.confluent.cloud:9092",
                "KAFKA_SESSION_TIMEOUT_MS", "30000",
                "KAFKA_OPTS", "-Xmx1g",
                "STREAMMESH_JOIN_GRACE", "2m",
                "STREAMMESH_HTTP_PORT", "9000");

        ServiceConfig config = ConfigLoader.create().file(confluentCloudProperties()).environment(env)
                .setting("http.port", "9100")
                .kafkaOverride("session.timeout.ms", "20000")
                .load();

        assertThat(config.bootstrapServers()).isEqualTo("pkc-env.confluent.cloud:9092");
        assertThat(config.kafka("session.timeout.ms")).isEqualTo("20000");
        assertThat(config.kafka()).doesNotContainKey("opts");
        assertThat(config.durationSetting("join.grace", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.intSetting("http.port", 0)).isEqualTo(9100);
    }

    @Test
    void kubernetesServiceLinkVariablesAndOtherNonPropertiesAreIgnoredWithOneWarning() {
        // what a pod gets from the kubelet for a Service named "kafka" (enableServiceLinks defaults to true)
        Map<String, String> env = new java.util.TreeMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka:9092",
                "KAFKA_PORT", "tcp://10.96.0.12:9092",
                "KAFKA_SERVICE_HOST", "10.96.0.12",
                "KAFKA_SERVICE_PORT", "9092",
                "KAFKA_SERVICE_PORT_BROKER", "9092",
                "KAFKA_PORT_9092_TCP", "tcp://10.96.0.12:9092",
                "KAFKA_PORT_9092_TCP_PROTO", "tcp",
                "KAFKA_PORT_9092_TCP_PORT", "9092",
                "KAFKA_PORT_9092_TCP_ADDR", "10.96.0.12",
                "KAFKA_LOG_LEVEL", "INFO"));
        env.putAll(Map.of(
                "KAFKA_PRODUCER_LINGER_MS", "50",
                "KAFKA_MAIN_CONSUMER_MAX_POLL_RECORDS", "200",
                "KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2",
                "KAFKA_NUM_STREAM_THREADS", "2",
                "KAFKA_CLIENT_DNS_LOOKUP", "use_all_dns_ips"));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        ServiceConfig config;
        try {
            config = ConfigLoader.create().environment(env).load();
        } finally {
            logger.detachAppender(logs);
        }

        assertThat(config.kafka()).containsOnlyKeys("bootstrap.servers", "producer.linger.ms", "main.consumer.max.poll.records",
                "topic.min.insync.replicas", "num.stream.threads", "client.dns.lookup");
        assertThat(config.bootstrapServers()).isEqualTo("kafka-0.kafka:9092");
        assertThat(logs.list).hasSize(1);
        assertThat(logs.list.get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
        assertThat(logs.list.get(0).getFormattedMessage())
                .contains("[KAFKA_PORT, KAFKA_PORT_9092_TCP, KAFKA_PORT_9092_TCP_ADDR, KAFKA_PORT_9092_TCP_PORT,"
                        + " KAFKA_PORT_9092_TCP_PROTO, KAFKA_SERVICE_HOST, KAFKA_SERVICE_PORT, KAFKA_SERVICE_PORT_BROKER]")
                .doesNotContain("KAFKA_LOG_LEVEL").contains("enableServiceLinks");
    }

    @Test
    void onlyRealKafkaPropertyNamesPassAlonePrefixedOrAsTopicSettings() {
        assertThat(ConfigLoader.isKafkaProperty("sasl.jaas.config")).isTrue();
        assertThat(ConfigLoader.isKafkaProperty("processing.guarantee")).isTrue();
        assertThat(ConfigLoader.isKafkaProperty("restore.consumer.fetch.max.bytes")).isTrue();
        assertThat(ConfigLoader.isKafkaProperty("admin.retries")).isTrue();
        assertThat(ConfigLoader.isKafkaProperty("producer.port")).isFalse();
        assertThat(ConfigLoader.isKafkaProperty("service.host")).isFalse();
        assertThat(ConfigLoader.isKafkaProperty("port.9092.tcp.addr")).isFalse();
    }

    @Test
    void configFileCanComeFromTheEnvironment() throws Exception {
        ServiceConfig config = ConfigLoader.create()
                .environment(Map.of("STREAMMESH_CONFIG", confluentCloudProperties().toString())).load();
        assertThat(config.kafka("sasl.mechanism")).isEqualTo("PLAIN");
    }

    @Test
    void mapsEnvironmentNamesToPropertyNames() {
        assertThat(ConfigLoader.envToProperty("SASL_JAAS_CONFIG")).isEqualTo("sasl.jaas.config");
        assertThat(ConfigLoader.envToProperty("SOME__ODD___NAME")).isEqualTo("some_odd-name");
        assertThat(ConfigLoader.settingEnvName("join.grace")).isEqualTo("STREAMMESH_JOIN_GRACE");
    }

    @Test
    void missingBootstrapServersNamesTheSettingAndEveryWayToSetIt() {
        assertThatThrownBy(() -> ConfigLoader.create().load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers")
                .hasMessageContaining("--bootstrap-server")
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void missingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigLoader.create().file(missing).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Config file not found")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void saslWithoutCredentialsFails() {
        assertThatThrownBy(() -> ConfigLoader.create()
                .kafkaOverride("bootstrap.servers", "localhost:9092")
                .kafkaOverride("security.protocol", "SASL_SSL")
                .kafkaOverride("sasl.mechanism", "PLAIN").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sasl.jaas.config");
    }

    @Test
    void credentialsWithoutSaslAreContradictory() {
        assertThatThrownBy(() -> ConfigLoader.create()
                .kafkaOverride("bootstrap.servers", "localhost:9092")
                .kafkaOverride("sasl.jaas.config", "x required;").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Contradictory")
                .hasMessageContaining("security.protocol");
    }

    @Test
    void confluentCloudWithoutSaslSslIsContradictory() {
        assertThatThrownBy(() -> ConfigLoader.create()
                .kafkaOverride("bootstrap.servers", "pkc-1.confluent.cloud:9092").load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SASL_SSL");
    }

    @Test
    void placeholderCredentialsAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.create()
                .kafkaOverride("bootstrap.servers", "pkc-1.confluent.cloud:9092")
                .kafkaOverride("security.protocol", "SASL_SSL")
                .kafkaOverride("sasl.mechanism", "PLAIN")
                .kafkaOverride("sasl.jaas.config", "PlainLoginModule required username='{{ CLUSTER_API_KEY }}' password='{{ CLUSTER_API_SECRET }}';")
                .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("placeholder");
    }

    @Test
    void aSaslJaasConfigThatDoesNotParseStopsWithOneLineThatDoesNotRepeatTheSecret() {
        String secret = "s3cr3t-marker";
        assertThatThrownBy(() -> ConfigLoader.create()
                .kafkaOverride("bootstrap.servers", "pkc-1.confluent.cloud:9092")
                .kafkaOverride("security.protocol", "SASL_SSL")
                .kafkaOverride("sasl.mechanism", "PLAIN")
                // the trailing ';' is missing
                .kafkaOverride("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username='KEY' password='" + secret + "'")
                .load())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sasl.jaas.config is not valid")
                .hasMessageNotContaining(secret);
    }

    @Test
    void aValidSaslJaasConfigIsAccepted() {
        ServiceConfig config = ConfigLoader.create()
                .kafkaOverride("bootstrap.servers", "pkc-1.confluent.cloud:9092")
                .kafkaOverride("security.protocol", "SASL_SSL")
                .kafkaOverride("sasl.mechanism", "PLAIN")
                .kafkaOverride("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username='KEY' password='SECRET';")
                .load();
        assertThat(config.kafka("security.protocol")).isEqualTo("SASL_SSL");
    }

    @Test
    void badlyTypedSettingsSayWhatTheyExpect() {
        ServiceConfig config = ServiceConfig.empty().withSetting("join.grace", "soon").withSetting("http.port", "eighty");
        assertThatThrownBy(() -> config.durationSetting("join.grace", Duration.ZERO))
                .isInstanceOf(ConfigException.class).hasMessageContaining("join.grace").hasMessageContaining("5m");
        assertThatThrownBy(() -> config.intSetting("http.port", 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STREAMMESH_HTTP_PORT");
    }

    @Test
    void parsesDurationsInEveryAcceptedForm() {
        assertThat(ServiceConfig.parseDuration("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ServiceConfig.parseDuration("300ms")).isEqualTo(Duration.ofMillis(300));
        assertThat(ServiceConfig.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ServiceConfig.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(ServiceConfig.parseDuration("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ServiceConfig.parseDuration("x")).isNull();
    }
}
