package io.streammesh.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.config.ConfigLoader;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import io.streammesh.offline.ServiceTestDriver.ReplaySummary;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs one service's topology offline over recorded input and writes everything it emits, so a
 * data product can be debugged on real data without a broker.
 *
 * <p>Input lines: {@code {"topic": "...", "key": "..." | null, "value": {...} | null, "timestamp": <epoch ms>}},
 * piped in file order, wall-clock time advanced to each record's timestamp. A {@code value} given
 * as a JSON string is piped as those raw bytes, so malformed records can be replayed too. Output
 * lines have the same shape (plus {@code headers} on dead-letter records), in emission order.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one service's topology offline over recorded JSONL input and write what it emits.",
                "Input/output line: {\"topic\": ..., \"key\": ...|null, \"value\": {...}|null, \"timestamp\": <epoch ms>}"})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "One of: ${COMPLETION-CANDIDATES}",
            completionCandidates = KnownServices.class)
    String service;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "IN.jsonl", description = "Recorded input records")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jsonl", description = "Where to write the emitted records (default: stdout)")
    Path output;

    @Option(names = {"-S", "--set"}, paramLabel = "NAME=VALUE", description = "A service setting, as for the service itself (e.g. join.grace=10m)")
    Map<String, String> settings = new TreeMap<>();

    static final class KnownServices extends java.util.ArrayList<String> {
        KnownServices() {
            super(Services.KNOWN);
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        StreamService svc = Services.available().get(service);
        if (svc == null) {
            err.println("replay: unknown service '" + service + "'. Services: " + String.join(", ", Services.KNOWN));
            return 2;
        }
        if (!Files.isRegularFile(input)) {
            err.println("replay: input file not found: " + input.toAbsolutePath());
            return 2;
        }
        ServiceConfig config = ConfigLoader.create().requireBootstrap(false).settings(settings).load();
        ReplaySummary result;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             Writer out = output == null
                     ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                     : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            result = ServiceTestDriver.replay(svc, config, in, o -> {
                try {
                    out.write(toLine(o));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(input + " " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        err.println("replay " + service + ": " + result.inputs() + " input records -> " + result.outputCount() + " output records "
                + result.outputs() + (result.skipped().isEmpty() ? "" : "; skipped (not inputs of " + service + "): " + result.skipped())
                + (output == null ? "" : " -> " + output));
        return 0;
    }

    static String toLine(Output o) throws IOException {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("topic", o.topic());
        line.put("key", o.key());
        if (o.value() == null) {
            line.putNull("value");
        } else {
            try {
                line.set("value", Json.MAPPER.readTree(o.value()));
            } catch (IOException e) {
                line.put("value", o.value()); // a dead-lettered record's original, unparseable bytes
            }
        }
        line.put("timestamp", o.timestamp());
        if (!o.headers().isEmpty()) {
            ObjectNode headers = line.putObject("headers");
            o.headers().forEach(headers::put);
        }
        return Json.MAPPER.writeValueAsString(line);
    }

}
