package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.query.StreamChanges;
import io.streammesh.common.runtime.HttpCall;
import io.streammesh.common.runtime.HttpEndpoint;
import io.streammesh.common.runtime.HttpRoute;
import io.streammesh.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves the page (static files bundled under {@code web/}: no CDN, no map tiles, works offline),
 * its JSON API ({@code /api/...}) and the suite's query API ({@code /v1/...}: tables forwarded to the
 * services by {@link QueryGateway}, change streams served here), on the suite's HTTP server.
 */
public final class DemoWebServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json");

    private final HttpEndpoint http;
    private final StreamChanges changes;

    private DemoWebServer(HttpEndpoint http, StreamChanges changes) {
        this.http = http;
        this.changes = changes;
    }

    /** The page and its API; with {@code queries}, the query API too ({@code changes} null: no /v1/streams). */
    public static DemoWebServer start(int port, DemoApi api, List<HttpRoute> queries, StreamChanges changes) {
        HttpEndpoint http = HttpEndpoint.start("demo-web", port, () -> new HttpEndpoint.Health(true, "RUNNING"),
                () -> "# the demo's own metrics: see /api/status\n");
        json(http, "/api/data-products", api::dataProducts);
        json(http, "/api/lineage", api::lineage);
        json(http, "/api/stations", api::stations);
        json(http, "/api/redistribution", api::redistribution);
        json(http, "/api/marketplace", api::marketplace);
        json(http, "/api/trucks", api::trucks);
        json(http, "/api/feeds", api::feeds);
        json(http, "/api/status", api::status);
        queries.forEach(http::route);
        if (changes != null) {
            http.route(changes.route());
        }
        http.route("/", DemoWebServer::file);
        return new DemoWebServer(http, changes);
    }

    private static void json(HttpEndpoint http, String path, Supplier<? extends JsonNode> body) {
        http.route(path, call -> {
            if (!call.path().equals(path)) {
                call.error(404, "not found");
                return;
            }
            call.header("Cache-Control", "no-store").json(200, Json.write(body.get()));
        });
    }

    private static void file(HttpCall call) throws IOException {
        String path = call.path();
        if (path.equals("/") || path.isEmpty()) {
            path = "/index.html";
        }
        if (path.contains("..")) {
            call.respond(400, "text/plain", "bad path");
            return;
        }
        try (InputStream in = DemoWebServer.class.getResourceAsStream("/web" + path)) {
            if (in == null) {
                call.respond(404, "text/plain", "not found: " + path);
                return;
            }
            String ext = path.substring(path.lastIndexOf('.') + 1);
            call.header("Cache-Control", "no-cache").respond(200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
        }
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        if (changes != null) {
            changes.close();
        }
    }
}
