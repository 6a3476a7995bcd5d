package io.streammesh.common.runtime;

import io.streammesh.contracts.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One HTTP request and its answer, as a route sees it. A route answers once, from any thread:
 * {@link #respond} (or {@link #json}, {@link #error}) may be called after the route's handler has
 * returned, which is how a query waits for other instances without holding a thread, and how an
 * event stream ({@link #eventStream}) stays open.
 */
public final class HttpCall {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean answered = new AtomicBoolean();
    private Fields params;

    HttpCall(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public String method() {
        return request.getMethod();
    }

    /** The decoded path, e.g. {@code /v1/tables/truck_tracker/42}. */
    public String path() {
        return Request.getPathInContext(request);
    }

    /** The path and query as the client sent them, still encoded: what a proxy forwards. */
    public String rawPathAndQuery() {
        String query = request.getHttpURI().getQuery();
        return request.getHttpURI().getPath() + (query == null ? "" : "?" + query);
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> param(String name) {
        if (params == null) {
            params = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return Optional.ofNullable(params.getValue(name));
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** The port this call came in on: the instance's own address, with the advertised host. */
    public int localPort() {
        return Request.getLocalPort(request);
    }

    /** Sets a response header; call before answering. */
    public HttpCall header(String name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }

    public boolean answered() {
        return answered.get();
    }

    /** Answers the call; a second answer is ignored (the first one wins, e.g. a timeout racing a late reply). */
    public void respond(int status, String contentType, String body) {
        respond(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public void respond(int status, String contentType, byte[] body) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    public void json(int status, Object value) {
        respond(status, "application/json", value instanceof String text ? text : Json.write(value));
    }

    /** An error the suite's way: {@code {"error": message}}. */
    public void error(int status, String message) {
        json(status, Map.of("error", message));
    }

    /** 503 with {@code Retry-After}: the answer may exist in a moment (a store migrating, a rebalance, a busy pool). */
    public void unavailable(int retryAfterSeconds, String message) {
        header("Retry-After", Integer.toString(retryAfterSeconds));
        error(503, message);
    }

    /**
     * Turns this call into a server-sent event stream of at most {@code capacity} buffered events;
     * the call stays open until the stream closes.
     */
    public EventStream eventStream(int capacity) {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("already answered");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        EventStream stream = new EventStream(response, callback, capacity);
        request.addFailureListener(stream::failed);
        return stream;
    }

    /** A list of query parameter values given comma-separated or repeated. */
    public List<String> params(String name) {
        param(name);
        List<String> values = params.getValues(name);
        return values == null ? List.of()
                : values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).filter(v -> !v.isBlank()).toList();
    }

    void fail(Throwable cause) {
        if (answered.compareAndSet(false, true)) {
            callback.failed(cause);
        }
    }
}
