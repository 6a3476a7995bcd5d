package io.streammesh.producers.gbfs;

import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ServiceConfig;
import java.time.Duration;
import picocli.CommandLine;

/** Command-line durations in the suite's syntax ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code PT5M}). */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 5m, 30s, 500ms or PT5M");
        }
    }

    /** The suite's duration syntax, as settings read it; throws IllegalArgumentException for anything else or a negative one. */
    public static Duration parse(String value) {
        Duration d;
        try {
            // the one parser of the suite's durations is the settings' own: borrowed through a throwaway setting
            d = ServiceConfig.empty().withSetting("duration", value).durationSetting("duration", null);
        } catch (ConfigException e) {
            d = null;
        }
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("not a duration: '" + value + "'");
        }
        return d;
    }

    /** A duration as the suite writes one: {@code 500ms}, {@code 15s}, {@code 5m}, {@code 2h}. */
    public static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }
}
