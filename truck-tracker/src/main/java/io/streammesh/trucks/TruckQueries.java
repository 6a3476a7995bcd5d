package io.streammesh.trucks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.HttpEndpoint;
import io.streammesh.contracts.marketplace.TruckTracker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The pull queries of {@code truck_tracker} over Kafka Streams' interactive queries:
 * <ul>
 *   <li>{@code GET /trucks}: every row, gathered from every instance, ordered by job_id;</li>
 *   <li>{@code GET /trucks/{jobId}}: that job's row, or 404.</li>
 * </ul>
 * Each instance holds only its partitions' rows. A request for a key another instance owns is
 * forwarded to it ({@code application.server} is this service's HTTP address); {@code /trucks} asks
 * every instance for its own rows. Forwarded requests carry {@code ?local=true}, which answers from
 * this instance's store only and never forwards again, so requests cannot loop. While the group
 * rebalances, or when an owner cannot be reached, the answer is 503 with a reason: better no answer
 * than a partial one.
 */
final class TruckQueries implements HttpHandler {

    static final String PATH = "/trucks";
    private static final String LOCAL = "local=true";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final TypeReference<List<TruckTracker>> ROWS = new TypeReference<>() {
    };
    /** Numeric job ids in numeric order (shorter first), any other id after them in text order. */
    static final Comparator<String> JOB_ID_ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private final KafkaStreams streams;
    private final String store;
    private final String advertisedHost;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    TruckQueries(KafkaStreams streams, String store, String advertisedHost) {
        this.streams = streams;
        this.store = store;
        this.advertisedHost = advertisedHost;
    }

    /** An answer that cannot be given now (not running, rebalancing, owner unreachable): 503. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "only GET is supported");
            return;
        }
        String rest = exchange.getRequestURI().getPath().substring(PATH.length());
        boolean local = LOCAL.equals(exchange.getRequestURI().getQuery());
        HostInfo self = new HostInfo(advertisedHost, exchange.getLocalAddress().getPort());
        try {
            if (rest.isEmpty() || rest.equals("/")) {
                json(exchange, 200, Json.write(local ? localRows() : allRows(self)));
            } else if (rest.startsWith("/") && rest.indexOf('/', 1) < 0) {
                one(exchange, rest.substring(1), local, self);
            } else {
                error(exchange, 404, "no such path: use /trucks or /trucks/{jobId}");
            }
        } catch (Unavailable | InvalidStateStoreException e) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 503, "truck_tracker is not available right now: " + DeadLetters.describe(e));
        }
    }

    private void one(HttpExchange exchange, String jobId, boolean local, HostInfo self) throws IOException {
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, jobId, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new Unavailable("no instance owns job " + jobId + " yet (state " + streams.state() + ")");
        }
        if (local || owner.activeHost().equals(self)) {
            ReadOnlyKeyValueStore<String, TruckTracker> rows = streams.store(
                    StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, TruckTracker>keyValueStore())
                            .withPartition(owner.partition()));
            TruckTracker row = rows.get(jobId);
            if (row == null) {
                error(exchange, 404, "no truck is tracked for job " + jobId);
            } else {
                json(exchange, 200, Json.write(row));
            }
            return;
        }
        HttpResponse<String> forwarded = get(owner.activeHost(), PATH + "/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8)
                .replace("+", "%20") + "?" + LOCAL);
        json(exchange, forwarded.statusCode(), forwarded.body());
    }

    private List<TruckTracker> allRows(HostInfo self) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the service is " + streams.state());
        }
        Collection<StreamsMetadata> instances = streams.streamsMetadataForStore(store);
        if (instances.isEmpty()) {
            throw new Unavailable("no instance hosts " + store + " yet");
        }
        List<TruckTracker> rows = new ArrayList<>();
        for (StreamsMetadata instance : instances) {
            if (instance.hostInfo().equals(self)) {
                rows.addAll(localRows());
                continue;
            }
            HttpResponse<String> answer = get(instance.hostInfo(), PATH + "?" + LOCAL);
            if (answer.statusCode() != 200) {
                throw new Unavailable(instance.hostInfo() + " answered " + answer.statusCode() + ": " + answer.body());
            }
            try {
                rows.addAll(Json.MAPPER.readValue(answer.body(), ROWS));
            } catch (IOException e) {
                throw new Unavailable(instance.hostInfo() + " answered something that is not rows: " + e.getMessage());
            }
        }
        rows.sort(Comparator.comparing(TruckTracker::jobId, JOB_ID_ORDER));
        return rows;
    }

    /** The rows of the partitions this instance is active for. */
    private List<TruckTracker> localRows() {
        ReadOnlyKeyValueStore<String, TruckTracker> rows = streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, TruckTracker>keyValueStore()));
        List<TruckTracker> result = new ArrayList<>();
        try (KeyValueIterator<String, TruckTracker> all = rows.all()) {
            all.forEachRemaining((KeyValue<String, TruckTracker> kv) -> result.add(kv.value));
        }
        result.sort(Comparator.comparing(TruckTracker::jobId, JOB_ID_ORDER));
        return result;
    }

    private HttpResponse<String> get(HostInfo host, String pathAndQuery) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("cannot reach " + host + ": " + DeadLetters.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking " + host);
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        HttpEndpoint.respond(exchange, status, "application/json", body);
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Json.write(Map.of("error", message)));
    }
}
