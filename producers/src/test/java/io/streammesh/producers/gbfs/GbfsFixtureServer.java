package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streammesh.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the GBFS fixtures of {@code src/test/resources/gbfs/<version>/} on a free local port, with
 * the discovery file's feed URLs rewritten to this server; faults can be queued per feed.
 */
final class GbfsFixtureServer implements AutoCloseable {

    /** A scripted answer: an HTTP status with a body. */
    record Fault(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> overrides = new ConcurrentHashMap<>();
    private volatile boolean down;

    GbfsFixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String version) {
        return base(version) + "gbfs.json";
    }

    private String base(String version) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + version + "/";
    }

    /** Queues answers for {@code /<version>/<feed>.json}, served before the fixture itself. */
    GbfsFixtureServer fail(String version, String feed, Fault... answers) {
        Deque<Fault> queue = faults.computeIfAbsent("/" + version + "/" + feed + ".json", k -> new ArrayDeque<>());
        synchronized (queue) {
            for (Fault f : answers) {
                queue.add(f);
            }
        }
        return this;
    }

    /** Adds a feed to the version's discovery file (the 3.0 fixture lists no system_regions). */
    GbfsFixtureServer addDiscoveredFeed(String version, String feed) {
        ObjectNode discovery = discovery(version);
        JsonNode data = discovery.get("data");
        ArrayNode feeds = (ArrayNode) (data.has("feeds") ? data.get("feeds") : data.elements().next().get("feeds"));
        feeds.addObject().put("name", feed).put("url", base(version) + feed + ".json");
        return this;
    }

    /** While down, every request answers 503. */
    void down(boolean down) {
        this.down = down;
    }

    int requests(String version, String feed) {
        AtomicInteger n = requests.get("/" + version + "/" + feed + ".json");
        return n == null ? 0 : n.get();
    }

    private ObjectNode discovery(String version) {
        return overrides.computeIfAbsent(version, v -> {
            ObjectNode root = (ObjectNode) Json.tree(resource("/gbfs/" + v + "/gbfs.json"));
            JsonNode data = root.get("data");
            Iterable<JsonNode> lists = data.has("feeds") ? java.util.List.of(data.get("feeds")) : () -> {
                java.util.List<JsonNode> l = new java.util.ArrayList<>();
                data.elements().forEachRemaining(lang -> l.add(lang.get("feeds")));
                return l.iterator();
            };
            for (JsonNode feeds : lists) {
                for (JsonNode feed : feeds) {
                    ((ObjectNode) feed).put("url", base(v) + feed.get("name").asText() + ".json");
                }
            }
            return root;
        });
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        if (down) {
            respond(exchange, 503, "down for maintenance");
            return;
        }
        Deque<Fault> queue = faults.get(path);
        if (queue != null) {
            Fault fault;
            synchronized (queue) {
                fault = queue.poll();
            }
            if (fault != null) {
                respond(exchange, fault.status(), fault.body());
                return;
            }
        }
        String[] parts = path.split("/");
        if (parts.length == 3 && parts[2].equals("gbfs.json")) {
            respond(exchange, 200, Json.write(discovery(parts[1])));
            return;
        }
        String body = parts.length == 3 ? resource("/gbfs/" + parts[1] + "/" + parts[2]) : null;
        respond(exchange, body == null ? 404 : 200, body == null ? "not found" : body);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static String resource(String name) {
        try (InputStream in = GbfsFixtureServer.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
