package io.streammesh.local.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of the query API ({@code /v1}) of any instance of a service, or of the demo page, which
 * forwards to them: what {@code ./streammesh query} and {@code tail}, the demo page and the query
 * load of the bench use. Blocking; one instance may be shared by threads.
 */
public final class QueryClient {

    /** One row of a table: its key and its value. */
    public record Row(String key, JsonNode value) {
    }

    /** One page of a scan, and the cursor of the next one (null at the end). */
    public record Page(List<Row> rows, String nextCursor) {
    }

    /** One server-sent event: {@code subscribed}, {@code change}, {@code dropped} or {@code error}. */
    public record Event(String name, String id, String data) {
        public JsonNode json() {
            return Json.tree(data);
        }
    }

    /** An answer other than 200 (or none at all): the HTTP status (0 when unreachable) and the server's message. */
    public static final class QueryFailure extends RuntimeException {
        private final int status;

        QueryFailure(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public QueryClient(URI base) {
        this(base, Duration.ofSeconds(10));
    }

    public QueryClient(URI base, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI base() {
        return base;
    }

    /** What the instance serves ({@code GET /v1/catalog}). */
    public JsonNode catalog() {
        return Json.tree(send("/v1/catalog").body());
    }

    /** The current value of {@code key} in {@code table}; empty when the table has none. */
    public Optional<JsonNode> get(String table, String key) {
        HttpResponse<String> r = request("/v1/tables/" + encode(table) + "/" + encode(key));
        if (r.statusCode() == 404 && Json.tree(r.body()).path("error").asText().contains("has no key")) {
            return Optional.empty();
        }
        return Optional.of(Json.tree(ok(r).body()));
    }

    /** The raw answer of a key lookup, headers included (the bench times it; tests read the headers). */
    public HttpResponse<String> lookup(String table, String key) {
        return request("/v1/tables/" + encode(table) + "/" + encode(key));
    }

    /** One page of {@code table} (null arguments are left out). */
    public Page scan(String table, int limit, String cursor, String from, String to) {
        StringBuilder path = new StringBuilder("/v1/tables/" + encode(table) + "?limit=" + limit);
        param(path, "cursor", cursor);
        param(path, "from", from);
        param(path, "to", to);
        JsonNode page = Json.tree(send(path.toString()).body());
        List<Row> rows = new ArrayList<>();
        page.path("rows").forEach(r -> rows.add(new Row(r.path("key").asText(), r.path("value"))));
        JsonNode next = page.path("next_cursor");
        return new Page(rows, next.isMissingNode() || next.isNull() ? null : next.asText());
    }

    /** Up to {@code max} rows of {@code table} in key order, page after page. */
    public List<Row> scanAll(String table, int max) {
        List<Row> rows = new ArrayList<>();
        String cursor = null;
        do {
            Page page = scan(table, Math.min(1000, Math.max(1, max - rows.size())), cursor, null, null);
            rows.addAll(page.rows());
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < max);
        return rows;
    }

    /**
     * Follows {@code topic} ({@code GET /v1/streams/{topic}/changes}), handing each event to
     * {@code onEvent} until it returns false or the server ends the stream.
     */
    public void follow(String topic, boolean fromBeginning, Predicate<Event> onEvent) {
        URI uri = URI.create(base + "/v1/streams/" + encode(topic) + "/changes" + (fromBeginning ? "?from=beginning" : ""));
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new QueryFailure(0, "cannot reach " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFailure(0, "interrupted");
        }
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() != 200) {
                String body = String.join("\n", lines.toList());
                throw new QueryFailure(response.statusCode(), message(body));
            }
            String name = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        if (!onEvent.test(new Event(name == null ? "message" : name, id, data.toString()))) {
                            return;
                        }
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).trim());
                }
            }
        }
    }

    private HttpResponse<String> send(String pathAndQuery) {
        return ok(request(pathAndQuery));
    }

    private HttpResponse<String> ok(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new QueryFailure(r.statusCode(), message(r.body()));
        }
        return r;
    }

    private HttpResponse<String> request(String pathAndQuery) {
        URI uri = URI.create(base + pathAndQuery);
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new QueryFailure(0, "cannot reach " + base + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFailure(0, "interrupted");
        }
    }

    private static String message(String body) {
        try {
            JsonNode error = Json.tree(body).path("error");
            return error.isMissingNode() ? body : error.asText();
        } catch (IllegalArgumentException notJson) {
            return body;
        }
    }

    static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void param(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append('&').append(name).append('=').append(encode(value));
        }
    }
}
