package io.streammesh.common.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks other instances of the same service for their part of a query, asynchronously, each call
 * bounded by {@code timeout}: no thread waits for a slow or dead instance, and a call that fails
 * (refused, timed out, anything but 200) fails its future, so the caller can try a standby.
 */
final class Peers implements AutoCloseable {

    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration timeout;

    Peers(String name, Duration timeout) {
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name + "-peers");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    CompletableFuture<JsonNode> get(HostInfo host, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(timeout).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new CompletionException(QueryException.unavailable(host + " answered " + response.statusCode() + ": " + response.body()));
            }
            return Json.tree(response.body());
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
