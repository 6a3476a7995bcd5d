package io.streammesh.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.local.query.QueryClient.QueryFailure;
import io.streammesh.local.query.QueryTarget;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./streammesh tail <topic>}: a push query, like ksqlDB's {@code SELECT * FROM t EMIT CHANGES}. */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow a topic of the registry as records are written, through a running suite (the demo page) or any"
                + " service instance, until Ctrl-C (or --limit records).",
                "Exit codes: 0 done, 2 unknown topic, 3 the server dropped this client (too slow) or is unreachable."})
public final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Any topic of the registry, e.g. job_status, stations.enriched")
    String topic;

    @Option(names = "--from-beginning", description = "Replay the topic from its first record, then follow it")
    boolean fromBeginning;

    @Option(names = "--json", description = "One JSON object per record ({topic, partition, offset, timestamp, key, value}), for scripts")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N records")
    Integer limit;

    @Mixin
    QueryTarget target = new QueryTarget();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicInteger seen = new AtomicInteger();
        AtomicReference<String> ended = new AtomicReference<>();
        try {
            target.client().follow(topic, fromBeginning, event -> {
                switch (event.name()) {
                    case "subscribed" -> err.println("tail: following " + topic + (fromBeginning ? " from the beginning" : " from now")
                            + " (" + event.json().path("positions") + ")");
                    case "change" -> {
                        JsonNode change = event.json();
                        out.println(json ? change.toString() : line(change));
                        out.flush();
                        return limit == null || seen.incrementAndGet() < limit;
                    }
                    case "dropped", "error" -> {
                        ended.set(event.name() + ": " + event.json().path(event.name().equals("error") ? "error" : "reason").asText());
                        return false;
                    }
                    default -> {
                        // comments and events a newer server may add
                    }
                }
                err.flush();
                return true;
            });
        } catch (QueryFailure e) {
            err.println("tail: " + e.getMessage());
            return e.status() == 404 || e.status() == 400 ? 2 : 3;
        }
        if (ended.get() != null) {
            err.println("tail: the server ended the stream, " + ended.get());
            return 3;
        }
        return 0;
    }

    /** {@code <timestamp> <key> <value>}: what EMIT CHANGES shows, one record a line. */
    static String line(JsonNode change) {
        return Instant.ofEpochMilli(change.path("timestamp").asLong()) + "  " + change.path("key").asText("null")
                + "  " + change.path("value");
    }
}
