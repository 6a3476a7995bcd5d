package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.HttpEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves the page (static files bundled under {@code web/}: no CDN, no map tiles, works offline)
 * and its JSON API, on the suite's small HTTP server.
 */
public final class DemoWebServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json");

    private final HttpEndpoint http;

    private DemoWebServer(HttpEndpoint http) {
        this.http = http;
    }

    public static DemoWebServer start(int port, DemoApi api) {
        HttpEndpoint http = HttpEndpoint.start("demo-web", port, () -> new HttpEndpoint.Health(true, "RUNNING"),
                () -> "# the demo's own metrics: see /api/status\n");
        json(http, "/api/data-products", api::dataProducts);
        json(http, "/api/lineage", api::lineage);
        json(http, "/api/stations", api::stations);
        json(http, "/api/redistribution", api::redistribution);
        json(http, "/api/marketplace", api::marketplace);
        json(http, "/api/trucks", api::trucks);
        json(http, "/api/status", api::status);
        http.route("/", DemoWebServer::file);
        return new DemoWebServer(http);
    }

    private static void json(HttpEndpoint http, String path, Supplier<? extends JsonNode> body) {
        http.route(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                HttpEndpoint.respond(exchange, 404, "application/json", "{\"error\":\"not found\"}");
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            HttpEndpoint.respond(exchange, 200, "application/json", Json.write(body.get()));
        });
    }

    private static void file(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/") || path.isEmpty()) {
            path = "/index.html";
        }
        if (path.contains("..")) {
            HttpEndpoint.respond(exchange, 400, "text/plain", "bad path");
            return;
        }
        try (InputStream in = DemoWebServer.class.getResourceAsStream("/web" + path)) {
            if (in == null) {
                HttpEndpoint.respond(exchange, 404, "text/plain", "not found: " + path);
                return;
            }
            byte[] bytes = in.readAllBytes();
            String ext = path.substring(path.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
    }
}
