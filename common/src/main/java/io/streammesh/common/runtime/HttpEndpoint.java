package io.streammesh.common.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.streammesh.common.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The small HTTP server every process of the suite runs: {@code /health}, {@code /metrics} and
 * whatever routes a service adds. The JDK's server is enough for a handful of endpoints and keeps
 * the jars small.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpEndpoint.class);

    /**
     * What the health endpoints report, with a short detail: {@code /health/live} is 200 while the
     * process can still make progress (an orchestrator restarts it otherwise); {@code /health/ready}
     * and {@code /health} are 200 while it serves (503 otherwise).
     */
    public record Health(boolean live, boolean ready, String state) {
        /** A process that is alive whenever it answers, and ready when {@code up}. */
        public Health(boolean up, String state) {
            this(true, up, state);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code port} (0 picks a free one) on all interfaces, so containers can be probed. */
    public static HttpEndpoint start(String name, int port, Supplier<Health> health, Supplier<String> metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (BindException e) {
            throw new ConfigException("HTTP port " + port + " is already in use: choose another with --http-port"
                    + " (or --set http.port=0 for any free port).");
        } catch (IOException e) {
            throw new ConfigException("Cannot open HTTP port " + port + ": " + e.getMessage());
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name + "-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        HttpEndpoint endpoint = new HttpEndpoint(server, executor);
        endpoint.route("/health", exchange -> {
            Health h = health.get();
            String path = exchange.getRequestURI().getPath();
            boolean up = path.equals("/health/live") ? h.live() : h.ready();
            if (!path.equals("/health") && !path.equals("/health/live") && !path.equals("/health/ready")) {
                respond(exchange, 404, "application/json", "{\"error\":\"no such path: use /health, /health/live or /health/ready\"}");
                return;
            }
            respond(exchange, up ? 200 : 503, "application/json",
                    "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"state\":\"" + h.state() + "\"}");
        });
        endpoint.route("/metrics", exchange ->
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        server.start();
        return endpoint;
    }

    public void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (RuntimeException | LinkageError e) {
                LOG.error("HTTP {} failed: {}", path, DeadLetters.describe(e), e);
                respond(exchange, 500, "application/json", "{\"error\":\"" + jsonEscape(DeadLetters.describe(e)) + "\"}");
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
