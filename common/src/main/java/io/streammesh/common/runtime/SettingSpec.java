package io.streammesh.common.runtime;

/** An application setting a service reads: its name, default and meaning, for {@code --help}. */
public record SettingSpec(String name, String defaultValue, String description) {
}
