package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Reads the trucks the way a user of truck-tracker would: its interactive-query route
 * {@code GET /trucks} on the service's HTTP port (Kafka Streams' state store, like ksqlDB's pull
 * query), not the topic. Cached for a second so a busy page does not hammer the service.
 */
public final class TrucksClient {

    private static final long CACHE_MS = 1000;

    private final IntSupplier port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ObjectNode cached;
    private long cachedAt;

    /** {@code port}: truck-tracker's HTTP port, 0 or less when it does not run. */
    public TrucksClient(IntSupplier port) {
        this.port = port;
    }

    public synchronized ObjectNode trucks() {
        long now = System.currentTimeMillis();
        if (cached != null && now - cachedAt < CACHE_MS) {
            return cached;
        }
        cached = fetch();
        cachedAt = now;
        return cached;
    }

    private ObjectNode fetch() {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("trucks");
        int p = port.getAsInt();
        if (p <= 0) {
            result.put("error", "truck-tracker is not running in this demo");
            return result;
        }
        String url = "http://localhost:" + p + "/trucks";
        result.put("source", url);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                result.put("error", "GET " + url + " answered " + response.statusCode() + ": " + response.body());
                return result;
            }
            rows(Json.tree(response.body())).forEach(list::add);
        } catch (Exception e) {
            result.put("error", "GET " + url + " failed: " + e.getMessage());
        }
        return result;
    }

    /** The rows of a /trucks answer: a JSON array, or an object holding one (under any name), or one object per job. */
    static ArrayNode rows(JsonNode body) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        if (body == null) {
            return rows;
        }
        if (body.isArray()) {
            body.forEach(rows::add);
            return rows;
        }
        if (body.isObject()) {
            for (JsonNode v : body) {
                if (v.isArray()) {
                    v.forEach(rows::add);
                    return rows;
                }
            }
            body.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) {
                    ObjectNode row = e.getValue().deepCopy();
                    if (!row.has("job_id")) {
                        row.put("job_id", e.getKey());
                    }
                    rows.add(row);
                }
            });
        }
        return rows;
    }
}
