package io.streammesh.common.config;

/**
 * A setting is missing, malformed or contradicts another one. The message names the setting and
 * says how to fix it; launchers print it as the one line a user sees, without a stack trace.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
