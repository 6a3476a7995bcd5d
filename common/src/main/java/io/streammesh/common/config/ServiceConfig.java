package io.streammesh.common.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The resolved configuration of one process: the Kafka client properties (what a
 * {@code client.properties} file holds, plus any Kafka Streams / producer / consumer overrides) and
 * the application's own settings (HTTP port, join grace, ...).
 *
 * <p>Both halves come from the same sources with the same precedence: command line, then
 * environment ({@code KAFKA_*} for Kafka properties, {@code STREAMMESH_*} for settings), then the
 * properties file ({@code streammesh.*} keys are settings, all other keys are Kafka properties),
 * then defaults. See {@link ConfigLoader}.
 */
public final class ServiceConfig {

    /** Prefix that marks an application setting inside a properties file. */
    public static final String SETTING_PREFIX = "streammesh.";

    private final Map<String, String> kafka;
    private final Map<String, String> settings;

    private ServiceConfig(Map<String, String> kafka, Map<String, String> settings) {
        this.kafka = Collections.unmodifiableMap(new TreeMap<>(kafka));
        this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    public static ServiceConfig of(Map<String, String> kafka, Map<String, String> settings) {
        return new ServiceConfig(kafka, settings);
    }

    /** A config for tests and offline tools: no broker, defaults everywhere. */
    public static ServiceConfig empty() {
        return new ServiceConfig(Map.of(), Map.of());
    }

    /** A fresh, mutable copy of the Kafka properties. */
    public Properties kafkaProperties() {
        Properties props = new Properties();
        props.putAll(kafka);
        return props;
    }

    public Map<String, String> kafka() {
        return kafka;
    }

    public Map<String, String> settings() {
        return settings;
    }

    public String kafka(String name) {
        return kafka.get(name);
    }

    public String bootstrapServers() {
        return kafka.get("bootstrap.servers");
    }

    public ServiceConfig withKafka(String name, String value) {
        Map<String, String> copy = new TreeMap<>(kafka);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new ServiceConfig(copy, settings);
    }

    public ServiceConfig withSetting(String name, String value) {
        Map<String, String> copy = new TreeMap<>(settings);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new ServiceConfig(kafka, copy);
    }

    /** The value of {@code setting}, or its default. */
    public <T> T get(Setting<T> setting) {
        return setting.of(this);
    }

    /** This config with a setting's value (null removes it). */
    public ServiceConfig with(Setting<?> setting, String value) {
        return withSetting(setting.name(), value);
    }

    /**
     * The partitions of input topic {@code topic}, as the broker has it: what the key rule checks a
     * record's partition against. Offline (no broker) it is {@link Settings#TOPIC_PARTITIONS}.
     */
    public int inputPartitions(String topic) {
        return intSetting(Settings.INPUT_PARTITIONS_PREFIX + topic, get(Settings.TOPIC_PARTITIONS));
    }

    /** This config with the partition counts of input topics, as the broker reported them. */
    public ServiceConfig withInputPartitions(Map<String, Integer> partitions) {
        Map<String, String> copy = new TreeMap<>(settings);
        partitions.forEach((topic, n) -> copy.put(Settings.INPUT_PARTITIONS_PREFIX + topic, Integer.toString(n)));
        return new ServiceConfig(kafka, copy);
    }

    /** The application.id the service runs under: the configured one, else {@code defaultId} (the service's name). */
    public String applicationId(String defaultId) {
        String id = kafka.get("application.id");
        return id == null || id.isBlank() ? defaultId : id;
    }

    public String setting(String name, String defaultValue) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public int intSetting(String name, int defaultValue) {
        String value = setting(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(name) + " must be a whole number, got '" + value + "'");
        }
    }

    public long longSetting(String name, long defaultValue) {
        String value = setting(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(name) + " must be a whole number, got '" + value + "'");
        }
    }

    public double doubleSetting(String name, double defaultValue) {
        String value = setting(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(describe(name) + " must be a number, got '" + value + "'");
        }
    }

    public boolean booleanSetting(String name, boolean defaultValue) {
        String value = setting(name, null);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(describe(name) + " must be true or false, got '" + value + "'");
        };
    }

    /**
     * A duration as ISO-8601 ({@code PT5M}) or a number with a unit ({@code 300ms}, {@code 5s},
     * {@code 5m}, {@code 1h}, {@code 2d}); a bare number is milliseconds.
     */
    public Duration durationSetting(String name, Duration defaultValue) {
        String value = setting(name, null);
        if (value == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(value);
        if (parsed == null) {
            throw new ConfigException(describe(name) + " must be a duration such as 5m, 30s, 500ms or PT5M, got '" + value + "'");
        }
        return parsed;
    }

    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase();
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            char unit = v.charAt(v.length() - 1);
            String number = v.substring(0, v.length() - 1).trim();
            return switch (unit) {
                case 's' -> Duration.ofSeconds(Long.parseLong(number));
                case 'm' -> Duration.ofMinutes(Long.parseLong(number));
                case 'h' -> Duration.ofHours(Long.parseLong(number));
                case 'd' -> Duration.ofDays(Long.parseLong(number));
                default -> Duration.ofMillis(Long.parseLong(v));
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** How a user sets this setting, for error messages. */
    public static String describe(String setting) {
        return "Setting '" + setting + "' (--set " + setting + "=..., env " + ConfigLoader.settingEnvName(setting)
                + ", or " + SETTING_PREFIX + setting + " in the config file)";
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(kafka);
        shown.replaceAll((k, v) -> ConfigLoader.isSecret(k) ? "[hidden]" : v);
        return "ServiceConfig{kafka=" + shown + ", settings=" + settings + "}";
    }
}
