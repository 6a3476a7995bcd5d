package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.runtime.HttpCall;
import io.streammesh.common.runtime.HttpRoute;
import io.streammesh.contracts.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The query API of the whole demo on the page's port, so {@code ./streammesh query} and {@code tail}
 * work without knowing which service serves what: {@code /v1/tables/{table}...} goes to an instance
 * of the service that serves the table (its answer as it is, headers included), {@code /v1/catalog}
 * merges every service's catalog, and {@code /v1/streams} the page serves itself (see
 * {@link DemoWebServer}). Calls are forwarded asynchronously: no thread waits for a service.
 */
final class QueryGateway {

    static final List<String> FORWARDED_HEADERS = List.of("Retry-After", "Streammesh-Served-By", "Streammesh-Standby-Lag");
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Map<String, URI>> tables;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** {@code tables}: each table a running service serves, with the address of one of its instances. */
    QueryGateway(Supplier<Map<String, URI>> tables) {
        this.tables = tables;
    }

    List<HttpRoute> routes() {
        return List.of(new HttpRoute("/v1/tables", this::table), new HttpRoute("/v1/catalog", this::catalog));
    }

    private void table(HttpCall call) {
        String rest = call.path().substring("/v1/tables".length());
        Map<String, URI> served = new TreeMap<>(tables.get());
        if (rest.isEmpty() || rest.equals("/")) {
            call.json(200, Map.of("tables", List.copyOf(served.keySet())));
            return;
        }
        int slash = rest.indexOf('/', 1);
        String table = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
        URI instance = served.get(table);
        if (instance == null) {
            call.error(404, "no service of this demo serves a table '" + table + "': tables " + served.keySet());
            return;
        }
        http.sendAsync(HttpRequest.newBuilder(URI.create(instance + call.rawPathAndQuery())).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    if (error != null) {
                        call.unavailable(1, "the service serving " + table + " (" + instance + ") does not answer: " + error.getMessage());
                        return;
                    }
                    for (String header : FORWARDED_HEADERS) {
                        response.headers().firstValue(header).ifPresent(v -> call.header(header, v));
                    }
                    call.respond(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                            response.body());
                });
    }

    /** Every service's catalog, and their tables and streams in one list each. */
    private void catalog(HttpCall call) {
        List<URI> instances = new ArrayList<>(new LinkedHashSet<>(tables.get().values()));
        List<CompletableFuture<JsonNode>> answers = instances.stream().map(uri -> http.sendAsync(
                        HttpRequest.newBuilder(URI.create(uri + "/v1/catalog")).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> Json.tree(r.body()))
                .exceptionally(e -> Json.MAPPER.createObjectNode().put("instance", uri.toString()).put("error", e.getMessage())))
                .toList();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenRun(() -> {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("gateway", "the demo page: /v1/tables go to the service serving each table, /v1/streams are served here");
            ArrayNode all = root.putArray("instances");
            ArrayNode tableList = root.putArray("tables");
            ArrayNode streamList = root.putArray("streams");
            for (CompletableFuture<JsonNode> answer : answers) {
                JsonNode catalog = answer.join();
                all.add(catalog);
                catalog.path("tables").forEach(t -> tableList.add(((ObjectNode) t.deepCopy()).put("service", catalog.path("service").asText())));
                catalog.path("streams").forEach(s -> streamList.add(((ObjectNode) s.deepCopy()).put("service", catalog.path("service").asText())));
            }
            call.json(200, root);
        });
    }
}
