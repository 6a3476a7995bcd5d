package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one GBFS file over HTTP the way a publisher expects: conditionally ({@code If-None-Match}
 * with the last {@code ETag}, {@code If-Modified-Since} with the last {@code Last-Modified}), gzip
 * accepted, within a timeout for the whole exchange, redirects followed. The JDK's client speaks HTTP;
 * this class only decides what an answer means: a document, "not modified", or a failure with the
 * publisher's {@code Retry-After} if it gave one.
 */
final class FeedFetcher {

    /** The validators of the last document read from a URL, sent back to ask "changed since?". */
    record Validators(String etag, String lastModified) {
        static final Validators NONE = new Validators(null, null);
    }

    sealed interface Result permits Fetched, NotModified, Failed {
    }

    /** A 200 whose body is JSON; its validators are to be kept only once the document has been read. */
    record Fetched(JsonNode document, Validators validators) implements Result {
    }

    /** A 304: what was read last time is still current. */
    record NotModified() implements Result {
    }

    /** Anything else: why, and how long the publisher asked us to wait (429 and 503 may say). */
    record Failed(String reason, Optional<Duration> retryAfter) implements Result {
        Failed(String reason) {
            this(reason, Optional.empty());
        }
    }

    static final String USER_AGENT = "streammesh-producers (GBFS consumer)";

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    FeedFetcher(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    Result fetch(URI url, Validators known) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET()
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", USER_AGENT);
        if (known.etag() != null) {
            request.header("If-None-Match", known.etag());
        }
        if (known.lastModified() != null) {
            request.header("If-Modified-Since", known.lastModified());
        }
        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            // the request timeout ends with the headers; this one bounds a body that trickles in too
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Failed("timed out after " + Durations.text(timeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        } catch (ExecutionException e) {
            return new Failed(describe(e.getCause()));
        }
        int status = response.statusCode();
        if (status == 304) {
            return new NotModified();
        }
        if (status != 200) {
            Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(h -> retryAfter(h, clock.instant()));
            return new Failed("HTTP " + status, retryAfter);
        }
        JsonNode document;
        try (InputStream body = decoded(response)) {
            document = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new Failed("not JSON (truncated or not a GBFS file): " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Failed("unreadable body: " + describe(e));
        }
        if (document == null || document.isMissingNode()) {
            return new Failed("empty body");
        }
        HttpHeaders headers = response.headers();
        return new Fetched(document, new Validators(headers.firstValue("ETag").orElse(null),
                headers.firstValue("Last-Modified").orElse(null)));
    }

    private static InputStream decoded(HttpResponse<byte[]> response) throws IOException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
        InputStream raw = new ByteArrayInputStream(response.body());
        return switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(raw);
            case "identity", "" -> raw;
            default -> throw new IOException("unsupported Content-Encoding " + encoding);
        };
    }

    /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110); empty when neither. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String describe(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "cannot connect (timed out)";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return e instanceof ConnectException ? "cannot connect (" + message + ")" : message;
    }
}
