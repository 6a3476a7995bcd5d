package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streammesh.contracts.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A GBFS publisher on a local port, playing its files over simulated time the way real ones behave:
 * each file's document is made from the clock's time; {@code ETag} and {@code Last-Modified} change only
 * when the document does, and conditional requests get a 304; gzip for clients that accept it; and
 * scripted misbehaviour in windows of simulated time (a 429 with Retry-After, a burst of 500s, a
 * truncated body, a slow answer). Every request is recorded with what it asked and got.
 */
final class SimulatedPublisher implements AutoCloseable {

    /** What one request asked and what it got. */
    record Request(long second, String file, String ifNoneMatch, String ifModifiedSince, String acceptEncoding, int status) {
    }

    /** An answer in place of the file's: status, headers and body. */
    record Answer(int status, Map<String, String> headers, byte[] body, long delayMillis) {
        static Answer status(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "text/plain"), body.getBytes(StandardCharsets.UTF_8), 0);
        }

        static Answer tooManyRequests(long retryAfterSeconds) {
            return new Answer(429, Map.of("Retry-After", Long.toString(retryAfterSeconds)), "slow down".getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    /** A scripted answer for requests in [from, until) seconds of simulated time, made from the file's normal answer. */
    private record Fault(long from, long until, Function<Answer, Answer> answer) {
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final SimulatedTime time;
    private final HttpServer server;
    private final Map<String, Function<Instant, JsonNode>> files = new LinkedHashMap<>();
    private final Map<String, List<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    /** The last document made per file and its text: a file whose maker returns the same document is not written again. */
    private final Map<String, Map.Entry<JsonNode, String>> written = new ConcurrentHashMap<>();
    private final Map<String, Instant> modified = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String version = "3.0";
    private volatile long discoveryTtl = 60;
    private volatile boolean etags = true;
    private volatile boolean lastModified = true;
    private volatile boolean gzip = true;

    SimulatedPublisher(SimulatedTime time) {
        this.time = time;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "publisher");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The auto-discovery file, listing every file served, in the version's layout. */
    String url() {
        return base() + "gbfs.json";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Serves {@code file} ({@code station_status} ...) as the document {@code content} makes at the time asked. */
    SimulatedPublisher serve(String file, Function<Instant, JsonNode> content) {
        files.put(file, content);
        return this;
    }

    SimulatedPublisher version(String version) {
        this.version = version;
        return this;
    }

    SimulatedPublisher discoveryTtl(long seconds) {
        this.discoveryTtl = seconds;
        return this;
    }

    SimulatedPublisher etags(boolean on) {
        this.etags = on;
        return this;
    }

    SimulatedPublisher lastModified(boolean on) {
        this.lastModified = on;
        return this;
    }

    SimulatedPublisher gzip(boolean on) {
        this.gzip = on;
        return this;
    }

    /** Answers requests for {@code file} from second {@code from} (inclusive) to {@code until} (exclusive) with {@code answer}. */
    SimulatedPublisher fault(String file, long from, long until, Function<Answer, Answer> answer) {
        faults.computeIfAbsent(file, f -> new CopyOnWriteArrayList<>()).add(new Fault(from, until, answer));
        return this;
    }

    SimulatedPublisher fault(String file, long from, long until, Answer answer) {
        return fault(file, from, until, normal -> answer);
    }

    /** The normal answer with half its body: a CDN that cut the file short, with the whole file's validators. */
    static Answer truncated(Answer normal) {
        byte[] half = java.util.Arrays.copyOf(normal.body(), normal.body().length / 2);
        Map<String, String> headers = new LinkedHashMap<>(normal.headers());
        return new Answer(200, headers, half, 0);
    }

    List<Request> requests(String file) {
        return requests.stream().filter(r -> r.file().equals(file)).toList();
    }

    /** The simulated seconds at which {@code file} was asked for. */
    List<Long> requestSeconds(String file) {
        return requests(file).stream().map(Request::second).toList();
    }

    /** A GBFS document: the envelope every file has, around {@code data}. */
    ObjectNode document(long ttl, Instant lastUpdated, JsonNode data) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (version.startsWith("3")) {
            root.put("last_updated", lastUpdated.toString());
        } else {
            root.put("last_updated", lastUpdated.getEpochSecond());
        }
        if (ttl >= 0) {
            root.put("ttl", ttl);
        }
        root.put("version", version);
        root.set("data", data);
        return root;
    }

    private JsonNode discovery() {
        ArrayNode feeds = Json.MAPPER.createArrayNode();
        files.keySet().forEach(f -> feeds.addObject().put("name", f).put("url", base() + f + ".json"));
        ObjectNode data = Json.MAPPER.createObjectNode();
        if (version.startsWith("3")) {
            data.set("feeds", feeds);
        } else {
            data.putObject("en").set("feeds", feeds);
        }
        return document(discoveryTtl, time.start(), data);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String file = path.substring(1).replace(".json", "");
            long second = time.second();
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ims = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            Answer answer = answer(file, second, inm, ims);
            for (Fault fault : faults.getOrDefault(file, List.of())) {
                if (second >= fault.from() && second < fault.until()) {
                    answer = fault.answer().apply(answer);
                    break;
                }
            }
            requests.add(new Request(second, file, inm, ims, acceptEncoding, answer.status()));
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = answer.body();
            Map<String, String> headers = new LinkedHashMap<>(answer.headers());
            if (gzip && answer.status() == 200 && acceptEncoding != null && acceptEncoding.contains("gzip")) {
                body = gzip(body);
                headers.put("Content-Encoding", "gzip");
            }
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.status() == 304 || body.length == 0 ? -1 : body.length);
            if (answer.status() != 304 && body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The file's normal answer at {@code second}: its document, or 304 when the client's validators still match. */
    private Answer answer(String file, long second, String ifNoneMatch, String ifModifiedSince) {
        JsonNode document;
        if (file.equals("gbfs")) {
            document = discovery();
        } else if (files.containsKey(file)) {
            document = files.get(file).apply(time.at(second));
        } else {
            return Answer.status(404, "no such file");
        }
        Map.Entry<JsonNode, String> last = written.get(file);
        String body = last != null && last.getKey() == document ? last.getValue() : Json.write(document);
        written.put(file, Map.entry(document, body));
        Instant now = time.at(second);
        String previous = bodies.put(file, body);
        if (previous == null || !previous.equals(body)) {
            modified.put(file, now);
        }
        String etag = "\"" + Integer.toHexString(body.hashCode()) + "-" + body.length() + "\"";
        Instant since = modified.get(file);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (etags) {
            headers.put("ETag", etag);
        }
        if (lastModified) {
            headers.put("Last-Modified", HTTP_DATE.format(ZonedDateTime.ofInstant(since, ZoneOffset.UTC)));
        }
        boolean notModified = etags && ifNoneMatch != null ? ifNoneMatch.equals(etag)
                : lastModified && ifModifiedSince != null
                && !since.isAfter(ZonedDateTime.parse(ifModifiedSince, HTTP_DATE).toInstant());
        if (notModified) {
            return new Answer(304, headers, new byte[0], 0);
        }
        return new Answer(200, headers, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** Every request the source made, by file, as lists of seconds: handy in assertion messages. */
    @Override
    public String toString() {
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        requests.forEach(r -> byFile.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r.second() + ":" + r.status()));
        return byFile.toString();
    }
}
