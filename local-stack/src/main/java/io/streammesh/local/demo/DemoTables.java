package io.streammesh.local.demo;

import io.streammesh.local.query.QueryClient;
import io.streammesh.local.query.QueryClient.QueryFailure;
import io.streammesh.local.query.QueryClient.Row;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The tables the page shows, read like any user of the suite reads them: through the query API of
 * the service that serves each ({@code GET /v1/tables/{table}}, Kafka Streams' state stores, like
 * ksqlDB's pull queries), not from the topics. Each table is read at most once a second, so a busy
 * page does not hammer the services.
 */
public final class DemoTables {

    static final long CACHE_MS = 1000;
    /** The most rows the page reads of one table. */
    static final int MAX_ROWS = 20_000;

    /** A table's rows as last read, or why they could not be read. */
    public record Rows(List<Row> rows, String source, String error, long readAt) {
    }

    private final Function<String, URI> instanceOf;
    private final Map<String, Rows> cache = new ConcurrentHashMap<>();
    private final Map<URI, QueryClient> clients = new ConcurrentHashMap<>();

    /** {@code instanceOf}: the address of an instance serving a table, null when no running service serves it. */
    public DemoTables(Function<String, URI> instanceOf) {
        this.instanceOf = instanceOf;
    }

    public Rows rows(String table) {
        long now = System.currentTimeMillis();
        return cache.compute(table, (t, cached) -> cached != null && now - cached.readAt() < CACHE_MS ? cached : read(t, now));
    }

    private Rows read(String table, long now) {
        URI instance = instanceOf.apply(table);
        if (instance == null) {
            return new Rows(List.of(), null, "no running service serves " + table, now);
        }
        String source = instance + "/v1/tables/" + table;
        try {
            return new Rows(clients.computeIfAbsent(instance, QueryClient::new).scanAll(table, MAX_ROWS), source, null, now);
        } catch (QueryFailure e) {
            return new Rows(List.of(), source, "GET " + source + " failed: " + e.getMessage(), now);
        }
    }
}
