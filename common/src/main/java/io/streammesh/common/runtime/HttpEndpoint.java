package io.streammesh.common.runtime;

import io.streammesh.common.config.ConfigException;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server every process of the suite runs (services, the sink, producers, the demo page), on
 * Jetty: {@code /health}, {@code /health/live}, {@code /health/ready}, {@code /metrics} and whatever
 * routes the process adds.
 *
 * <p>Two pools, so that no amount of query load can starve the probes: Jetty's own small pool
 * accepts connections and answers health and metrics inline; every other route runs on a bounded
 * query pool of {@code queryThreads} threads with a bounded queue, and a call that finds it full is
 * answered 503 with {@code Retry-After} at once. Routes answer asynchronously ({@link HttpCall}), so
 * a query waiting for other instances or an open event stream holds no thread at all.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpEndpoint.class);

    /** Query threads when the process does not say: enough for two cores, small enough to bound the memory. */
    public static final int DEFAULT_QUERY_THREADS = 8;
    /** Calls waiting for a query thread, per thread, before new ones are turned away with 503. */
    static final int QUEUED_PER_THREAD = 32;
    /** A connection with no traffic for this long is closed (event streams send keep-alives well within it). */
    static final long IDLE_TIMEOUT_MS = 30_000;

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

    private final Server server;
    private final ServerConnector connector;
    private final ThreadPoolExecutor queries;
    private final List<HttpRoute> routes = new CopyOnWriteArrayList<>();

    private HttpEndpoint(Server server, ServerConnector connector, ThreadPoolExecutor queries) {
        this.server = server;
        this.connector = connector;
        this.queries = queries;
    }

    /** Binds {@code port} (0 picks a free one) on all interfaces, so containers can be probed. */
    public static HttpEndpoint start(String name, int port, Supplier<Health> health, Supplier<String> metrics) {
        return start(name, port, DEFAULT_QUERY_THREADS, health, metrics);
    }

    public static HttpEndpoint start(String name, int port, int queryThreads, Supplier<Health> health, Supplier<String> metrics) {
        QueuedThreadPool jettyPool = new QueuedThreadPool(12, 2);
        jettyPool.setName(name + "-http");
        jettyPool.setDaemon(true);
        Server server = new Server(jettyPool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor queries = new ThreadPoolExecutor(queryThreads, queryThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queryThreads * QUEUED_PER_THREAD), r -> {
                    Thread t = new Thread(r, name + "-query-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        queries.allowCoreThreadTimeOut(true);
        HttpEndpoint endpoint = new HttpEndpoint(server, connector, queries);
        server.setHandler(endpoint.new Router());
        endpoint.routes.add(new HttpRoute("/health", call -> {
            Health h = health.get();
            String path = call.path();
            if (!path.equals("/health") && !path.equals("/health/live") && !path.equals("/health/ready")) {
                call.respond(404, "application/json", "{\"error\":\"no such path: use /health, /health/live or /health/ready\"}");
                return;
            }
            boolean up = path.equals("/health/live") ? h.live() : h.ready();
            call.respond(up ? 200 : 503, "application/json",
                    "{\"status\":\"" + (up ? "UP" : "DOWN") + "\",\"state\":\"" + h.state() + "\"}");
        }, true));
        endpoint.routes.add(new HttpRoute("/metrics", call ->
                call.respond(200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()), true));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            queries.shutdownNow();
            if (causedBy(e, BindException.class)) {
                throw new ConfigException("HTTP port " + port + " is already in use: choose another with --http-port"
                        + " (or --set http.port=0 for any free port).");
            }
            throw new ConfigException("Cannot open HTTP port " + port + ": " + DeadLetters.describe(e));
        }
        return endpoint;
    }

    /** Adds a route served on the query pool. */
    public void route(String path, HttpRoute.Handler handler) {
        route(new HttpRoute(path, handler));
    }

    /** Adds a route; the longest matching path wins. */
    public void route(HttpRoute route) {
        routes.add(route);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public static void respond(HttpCall call, int status, String contentType, String body) {
        call.respond(status, contentType, body);
    }

    static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private HttpRoute find(String path) {
        HttpRoute best = null;
        for (HttpRoute r : routes) {
            if (r.matches(path) && (best == null || r.path().length() > best.path().length())) {
                best = r;
            }
        }
        return best;
    }

    private static void run(HttpRoute route, HttpCall call) {
        try {
            route.handler().handle(call);
        } catch (Exception | LinkageError e) {
            LOG.error("HTTP {} failed: {}", call.path(), DeadLetters.describe(e), e);
            call.respond(500, "application/json", "{\"error\":\"" + jsonEscape(DeadLetters.describe(e)) + "\"}");
        }
    }

    /** Hands each call to its route: inline for the probes, on the query pool for the rest. */
    private final class Router extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            HttpCall call = new HttpCall(request, response, callback);
            HttpRoute route = find(call.path());
            if (route == null) {
                call.error(404, "no such path: " + call.path());
            } else if (route.inline()) {
                run(route, call);
            } else {
                try {
                    queries.execute(() -> run(route, call));
                } catch (RejectedExecutionException e) {
                    call.unavailable(1, "busy: " + queries.getActiveCount() + " queries running and "
                            + queries.getQueue().size() + " waiting; retry");
                }
            }
            return true;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping the HTTP server: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stopQuietly(server);
        queries.shutdownNow();
    }
}
