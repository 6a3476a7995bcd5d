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
            Duration d = ServiceConfig.empty().withSetting("d", value).durationSetting("d", null);
            if (d == null || d.isNegative()) {
                throw new CommandLine.TypeConversionException("not a duration: '" + value + "'");
            }
            return d;
        } catch (ConfigException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 5m, 30s, 500ms or PT5M");
        }
    }
}
