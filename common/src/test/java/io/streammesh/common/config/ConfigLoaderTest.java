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
