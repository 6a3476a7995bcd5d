package io.streammesh.offline;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.contracts.Json;
import io.streammesh.offline.ServiceTestDriver.Output;
import io.streammesh.offline.ServiceTestDriver.ReplayRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A golden copy of what a replay emitted, for tests that hold a service's outputs unchanged across a
 * refactor: topic, key, value text and timestamp exactly, and of a dead letter where it came from
 * (topic, partition, offset, stage). Processor names and message wording are left out: they may
 * change without changing what the service promises.
 */
public record GoldenReplay(String topic, String key, String value, Long timestamp, Map<String, String> provenance) {

    static final List<String> PROVENANCE = List.of(DeadLetters.TOPIC, DeadLetters.PARTITION, DeadLetters.OFFSET, DeadLetters.STAGE);

    /** What a replay emitted, as comparable records. */
    public static List<GoldenReplay> of(List<Output> outputs) {
        return outputs.stream().map(GoldenReplay::of).toList();
    }

    /** A golden copy: the JSONL the replay tool wrote with {@code --output}. */
    public static List<GoldenReplay> read(InputStream jsonl) throws IOException {
        return new String(jsonl.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                .map(GoldenReplay::parse).toList();
    }

    static GoldenReplay of(Output o) {
        Map<String, String> provenance = new TreeMap<>(o.headers());
        provenance.keySet().retainAll(PROVENANCE);
        return new GoldenReplay(o.topic(), o.key(), o.value(), o.timestamp(), provenance);
    }

    /** A line the replay tool wrote: a value it could parse is a JSON object there, else text. */
    static GoldenReplay parse(String line) {
        ReplayRecord r = ReplayRecord.parse(line);
        Map<String, String> provenance = new TreeMap<>();
        JsonNode headers = Json.tree(line).path("headers");
        PROVENANCE.stream().filter(headers::has).forEach(h -> provenance.put(h, headers.get(h).asText()));
        return new GoldenReplay(r.topic(), r.key(), r.value(), r.timestamp(), provenance);
    }
}
