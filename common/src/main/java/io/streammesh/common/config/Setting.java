package io.streammesh.common.config;

import java.time.Duration;
import java.util.function.BiFunction;

/**
 * One application setting: its name, its default, what it means, and how its text is read. Every
 * setting of the suite is a constant of this type ({@link Settings} for the ones every process reads,
 * a service's own beside its topology), so a name and its default are written once, and
 * {@code --help} lists them from the same constants.
 *
 * @param defaultText how {@code --help} shows the default (e.g. "broker default" when there is none)
 */
public record Setting<T>(String name, T defaultValue, String defaultText, String description,
                         BiFunction<ServiceConfig, Setting<T>, T> reader) {

    public static Setting<Integer> integer(String name, int defaultValue, String description) {
        return new Setting<>(name, defaultValue, Integer.toString(defaultValue), description,
                (config, s) -> config.intSetting(s.name(), s.defaultValue()));
    }

    public static Setting<Long> longInteger(String name, long defaultValue, String description) {
        return new Setting<>(name, defaultValue, Long.toString(defaultValue), description,
                (config, s) -> config.longSetting(s.name(), s.defaultValue()));
    }

    public static Setting<Double> decimal(String name, double defaultValue, String description) {
        return new Setting<>(name, defaultValue, Double.toString(defaultValue), description,
                (config, s) -> config.doubleSetting(s.name(), s.defaultValue()));
    }

    public static Setting<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Setting<>(name, defaultValue, Boolean.toString(defaultValue), description,
                (config, s) -> config.booleanSetting(s.name(), s.defaultValue()));
    }

    public static Setting<Duration> duration(String name, Duration defaultValue, String defaultText, String description) {
        return new Setting<>(name, defaultValue, defaultText, description,
                (config, s) -> config.durationSetting(s.name(), s.defaultValue()));
    }

    /** A text setting; {@code defaultValue} may be null ("not set"), shown as {@code defaultText}. */
    public static Setting<String> text(String name, String defaultValue, String defaultText, String description) {
        return new Setting<>(name, defaultValue, defaultText, description,
                (config, s) -> config.setting(s.name(), s.defaultValue()));
    }

    /** This setting's value in {@code config}, or its default. */
    public T of(ServiceConfig config) {
        return reader.apply(config, this);
    }

    /** The environment variable that sets it. */
    public String envName() {
        return ConfigLoader.settingEnvName(name);
    }
}
