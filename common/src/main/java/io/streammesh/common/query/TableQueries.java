package io.streammesh.common.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.runtime.HttpCall;
import io.streammesh.common.runtime.HttpRoute;
import io.streammesh.contracts.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Pull queries on the tables a service serves, answered by whichever instance receives the call:
 * <ul>
 *   <li>{@code GET /v1/tables/{table}/{key}}: the key's current value (404 when the table has none);</li>
 *   <li>{@code GET /v1/tables/{table}?limit=&cursor=&from=&to=}: a page of rows of every instance,
 *       merged in key order (UTF-8 byte order, the stores' own), with {@code next_cursor} to continue.</li>
 * </ul>
 * Each instance holds only its partitions. For every partition a query needs, Kafka Streams' metadata
 * names the instance that is active for it; this instance reads its own partitions itself and asks
 * the others for theirs at once (internal calls carry {@code partitions=}, are answered from the local
 * store only and never forwarded again, so calls cannot loop). When an owner does not answer within
 * {@code query.timeout}, the partition is read from a standby ({@code num.standby.replicas}) and the
 * answer says so with {@value #STANDBY_LAG}; without a standby, and while a store migrates or the group
 * rebalances, the answer is 503 with {@code Retry-After}: no answer rather than a partial one.
 */
final class TableQueries {

    static final String PATH = "/v1/tables";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** How many rows an alias ({@code /trucks}) answers at most: they list whole small tables. */
    static final int ALIAS_LIMIT = 100_000;
    /** The instances that answered, {@code host:port} comma-separated. */
    static final String SERVED_BY = "Streammesh-Served-By";
    /** Present when a standby answered (its owner did not): how many changelog records the standby may be behind. */
    static final String STANDBY_LAG = "Streammesh-Standby-Lag";
    static final String PARTITIONS = "partitions";
    static final String STALE = "stale";

    /** The stores' key order: unsigned UTF-8 bytes (RocksDB's, and the in-memory stores'). */
    static final Comparator<String> KEY_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** One row: the table's key and its value as JSON. */
    record Row(String key, JsonNode value) {
    }

    /** What a read found, who answered, and how far behind a standby that answered may be (-1: none did). */
    record Result(List<Row> rows, Set<String> servedBy, long standbyLag) {
    }

    /** A read: one exact key, or a range {@code [from, to]} of keys after {@code after}, at most {@code limit} rows. */
    record Read(String key, String from, String to, String after, int limit) {
        static Read exact(String key) {
            return new Read(key, null, null, null, 1);
        }

        boolean isExact() {
            return key != null;
        }

        String query() {
            StringBuilder q = new StringBuilder();
            param(q, "key", key);
            param(q, "from", from);
            param(q, "to", to);
            param(q, "after", after == null ? null : encodeCursor(after));
            param(q, "limit", Integer.toString(limit));
            return q.toString();
        }

        static Read of(HttpCall call) {
            return new Read(call.param("key").orElse(null), call.param("from").orElse(null), call.param("to").orElse(null),
                    call.param("after").map(TableQueries::decodeCursor).orElse(null),
                    call.param("limit").map(Integer::parseInt).orElse(MAX_LIMIT));
        }
    }

    private final KafkaStreams streams;
    private final Map<String, QueryableTable<?>> tables = new LinkedHashMap<>();
    private final Peers peers;
    private final Supplier<HostInfo> self;

    TableQueries(KafkaStreams streams, Collection<QueryableTable<?>> tables, Peers peers, Supplier<HostInfo> self) {
        this.streams = streams;
        tables.forEach(t -> this.tables.put(t.name(), t));
        this.peers = peers;
        this.self = self;
    }

    Collection<QueryableTable<?>> tables() {
        return tables.values();
    }

    List<HttpRoute> routes() {
        List<HttpRoute> routes = new ArrayList<>();
        routes.add(new HttpRoute(PATH, this::handle));
        for (QueryableTable<?> table : tables.values()) {
            for (String alias : table.aliases()) {
                routes.add(new HttpRoute(alias, call -> alias(call, table, alias)));
            }
        }
        return routes;
    }

    private void handle(HttpCall call) {
        if (!"GET".equals(call.method())) {
            call.error(405, "only GET is supported");
            return;
        }
        String rest = call.path().substring(PATH.length());
        if (rest.isEmpty() || rest.equals("/")) {
            call.json(200, Map.of("tables", List.copyOf(tables.keySet())));
            return;
        }
        int slash = rest.indexOf('/', 1);
        String name = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
        QueryableTable<?> table = tables.get(name);
        try {
            if (table == null) {
                throw QueryException.notFound("no table '" + name + "' on this instance: it serves " + tables.keySet()
                        + " (GET /v1/catalog lists them)");
            }
            if (call.param(PARTITIONS).isPresent()) {
                local(call, table);
            } else if (slash < 0 || slash == rest.length() - 1) {
                scan(call, table, limit(call, DEFAULT_LIMIT), call.param("cursor").map(TableQueries::decodeCursor).orElse(null));
            } else {
                lookup(call, table, rest.substring(slash + 1));
            }
        } catch (QueryException e) {
            e.answer(call);
        }
    }

    /** The old route of a table: {@code alias} lists every row's value, {@code alias/{key}} one value. */
    private void alias(HttpCall call, QueryableTable<?> table, String alias) {
        if (!"GET".equals(call.method())) {
            call.error(405, "only GET is supported");
            return;
        }
        String rest = call.path().substring(alias.length());
        try {
            if (rest.isEmpty() || rest.equals("/")) {
                read(table, new Read(null, null, null, null, ALIAS_LIMIT)).whenComplete((result, error) -> {
                    if (error != null) {
                        QueryException.of(error).answer(call);
                    } else {
                        headers(call, result);
                        call.json(200, result.rows().stream().map(Row::value).toList());
                    }
                });
            } else if (rest.indexOf('/', 1) < 0) {
                lookup(call, table, rest.substring(1));
            } else {
                throw QueryException.notFound("no such path: use " + alias + " or " + alias + "/{key}");
            }
        } catch (QueryException e) {
            e.answer(call);
        }
    }

    private void lookup(HttpCall call, QueryableTable<?> table, String key) {
        read(table, Read.exact(key)).whenComplete((result, error) -> {
            if (error != null) {
                QueryException.of(error).answer(call);
            } else if (result.rows().isEmpty()) {
                headers(call, result);
                call.error(404, table.name() + " has no key '" + key + "'");
            } else {
                headers(call, result);
                call.json(200, result.rows().get(0).value());
            }
        });
    }

    private void scan(HttpCall call, QueryableTable<?> table, int limit, String after) {
        String from = call.param("from").orElse(null);
        String to = call.param("to").orElse(null);
        if (from != null && to != null && KEY_ORDER.compare(from, to) > 0) {
            throw QueryException.badRequest("from '" + from + "' comes after to '" + to + "'");
        }
        read(table, new Read(null, from, to, after, limit)).whenComplete((result, error) -> {
            if (error != null) {
                QueryException.of(error).answer(call);
                return;
            }
            headers(call, result);
            ObjectNode page = Json.MAPPER.createObjectNode();
            page.put("table", table.name());
            page.set("rows", Json.MAPPER.valueToTree(result.rows()));
            List<Row> rows = result.rows();
            if (rows.size() == limit) {
                page.put("next_cursor", encodeCursor(rows.get(rows.size() - 1).key()));
            } else {
                page.putNull("next_cursor");
            }
            call.json(200, page);
        });
    }

    /** An internal call from another instance: this instance's own partitions, from its local store only. */
    private void local(HttpCall call, QueryableTable<?> table) {
        List<Integer> partitions;
        try {
            partitions = call.params(PARTITIONS).stream().map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw QueryException.badRequest("partitions must be numbers: " + call.params(PARTITIONS));
        }
        boolean stale = call.param(STALE).map(Boolean::parseBoolean).orElse(false);
        Result result = readLocal(table, partitions, Read.of(call), stale);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("rows", Json.MAPPER.valueToTree(result.rows()));
        answer.put("lag", result.standbyLag());
        call.json(200, answer);
    }

    /** Reads {@code read} from whichever instances hold the partitions it needs. */
    CompletableFuture<Result> read(QueryableTable<?> table, Read read) {
        int partitions = partitionCount(table);
        Collection<Integer> needed = read.isExact() ? table.partitionsOf(read.key(), partitions)
                : IntStream.range(0, partitions).boxed().toList();
        Map<HostInfo, List<Integer>> byActive = new LinkedHashMap<>();
        Map<Integer, Set<HostInfo>> standbys = new LinkedHashMap<>();
        List<Integer> orphans = new ArrayList<>();
        for (int p : needed) {
            KeyQueryMetadata owner = metadata(table, (topic, key, value, n) -> Optional.of(Set.of(p)));
            if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                throw QueryException.unavailable(table.name() + " is not available yet (" + streams.state() + ")");
            }
            standbys.put(p, owner.standbyHosts());
            if (owner.activeHost().port() < 0) {
                orphans.add(p); // no active instance right now (rebalancing): only a standby can answer
            } else {
                byActive.computeIfAbsent(owner.activeHost(), h -> new ArrayList<>()).add(p);
            }
        }
        List<CompletableFuture<Result>> parts = new ArrayList<>();
        byActive.forEach((host, ps) -> parts.add(readOn(host, table, ps, read, false)
                .exceptionallyCompose(error -> fromStandbys(table, ps, read, standbys, host + " did not answer ("
                        + QueryException.of(error).getMessage() + ")"))));
        if (!orphans.isEmpty()) {
            parts.add(fromStandbys(table, orphans, read, standbys, "no instance is active for it (" + streams.state() + ")"));
        }
        return merge(parts, read);
    }

    private CompletableFuture<Result> fromStandbys(QueryableTable<?> table, List<Integer> partitions, Read read,
                                                   Map<Integer, Set<HostInfo>> standbys, String why) {
        HostInfo me = self.get();
        Map<HostInfo, List<Integer>> byStandby = new LinkedHashMap<>();
        for (int p : partitions) {
            Set<HostInfo> candidates = standbys.getOrDefault(p, Set.of());
            if (candidates.isEmpty()) {
                return CompletableFuture.failedFuture(QueryException.unavailable("partition " + p + " of " + table.name() + ": "
                        + why + " and no standby holds it (num.standby.replicas); retry"));
            }
            HostInfo standby = candidates.contains(me) ? me : candidates.stream()
                    .min(Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port)).orElseThrow();
            byStandby.computeIfAbsent(standby, h -> new ArrayList<>()).add(p);
        }
        List<CompletableFuture<Result>> parts = new ArrayList<>();
        byStandby.forEach((host, ps) -> parts.add(readOn(host, table, ps, read, true)));
        return merge(parts, read);
    }

    private CompletableFuture<Result> readOn(HostInfo host, QueryableTable<?> table, List<Integer> partitions, Read read, boolean stale) {
        if (host.equals(self.get())) {
            try {
                return CompletableFuture.completedFuture(readLocal(table, partitions, read, stale));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        String path = PATH + "/" + URLEncoder.encode(table.name(), StandardCharsets.UTF_8) + "?" + PARTITIONS + "="
                + partitions.stream().map(String::valueOf).collect(Collectors.joining(",")) + (stale ? "&" + STALE + "=true" : "")
                + read.query();
        return peers.get(host, path).thenApply(answer -> {
            List<Row> rows = new ArrayList<>();
            answer.path("rows").forEach(r -> rows.add(new Row(r.path("key").asText(), r.path("value"))));
            return new Result(rows, Set.of(host.host() + ":" + host.port()), stale ? answer.path("lag").asLong(-1) : -1);
        });
    }

    private static CompletableFuture<Result> merge(List<CompletableFuture<Result>> parts, Read read) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Row> rows = new ArrayList<>();
            Set<String> servedBy = new TreeSet<>();
            long lag = -1;
            for (CompletableFuture<Result> part : parts) {
                Result r = part.join();
                rows.addAll(r.rows());
                servedBy.addAll(r.servedBy());
                lag = Math.max(lag, r.standbyLag());
            }
            rows.sort(Comparator.comparing(Row::key, KEY_ORDER));
            return new Result(rows.size() > read.limit() ? List.copyOf(rows.subList(0, read.limit())) : rows, servedBy, lag);
        });
    }

    /** The rows of {@code partitions} in this instance's store: active ones, or with {@code stale} standbys too. */
    Result readLocal(QueryableTable<?> table, List<Integer> partitions, Read read, boolean stale) {
        List<Row> rows = new ArrayList<>();
        long lag = -1;
        for (int p : partitions) {
            ReadOnlyKeyValueStore<String, Object> store = store(table, p, stale);
            if (read.isExact()) {
                Object view = table.rowOf(store.get(read.key()));
                if (view != null) {
                    rows.add(new Row(read.key(), Json.MAPPER.valueToTree(view)));
                }
            } else {
                rows.addAll(range(table, store, read));
            }
            if (stale) {
                lag = Math.max(lag, lag(table.store(), p));
            }
        }
        rows.sort(Comparator.comparing(Row::key, KEY_ORDER));
        HostInfo me = self.get();
        return new Result(rows.size() > read.limit() ? List.copyOf(rows.subList(0, read.limit())) : rows,
                Set.of(me.host() + ":" + me.port()), stale ? Math.max(lag, 0) : -1);
    }

    private static List<Row> range(QueryableTable<?> table, ReadOnlyKeyValueStore<String, Object> store, Read read) {
        String lower = read.from();
        if (read.after() != null && (lower == null || KEY_ORDER.compare(read.after(), lower) >= 0)) {
            lower = read.after();
        }
        List<Row> rows = new ArrayList<>();
        try (KeyValueIterator<String, Object> it = lower == null && read.to() == null ? store.all() : store.range(lower, read.to())) {
            while (it.hasNext() && rows.size() < read.limit()) {
                var kv = it.next();
                if (read.after() != null && KEY_ORDER.compare(kv.key, read.after()) <= 0) {
                    continue;
                }
                Object view = table.rowOf(kv.value);
                if (view != null) {
                    rows.add(new Row(kv.key, Json.MAPPER.valueToTree(view)));
                }
            }
        }
        return rows;
    }

    private ReadOnlyKeyValueStore<String, Object> store(QueryableTable<?> table, int partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> query = StoreQueryParameters
                .fromNameAndType(table.store(), QueryableStoreTypes.<String, Object>keyValueStore()).withPartition(partition);
        try {
            return streams.store(stale ? query.enableStaleStores() : query);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw QueryException.unavailable("partition " + partition + " of " + table.name() + " cannot be read here now"
                    + " (" + streams.state() + ", the store may be migrating): " + e.getMessage());
        }
    }

    private long lag(String store, int partition) {
        LagInfo lag = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of()).get(partition);
        return lag == null ? -1 : lag.offsetLag();
    }

    /** Which instances hold the partition {@code partitioner} picks; while the service is not running, 503. */
    private KeyQueryMetadata metadata(QueryableTable<?> table, StreamPartitioner<String, Object> partitioner) {
        try {
            return streams.queryMetadataForKey(table.store(), "", partitioner);
        } catch (IllegalStateException | StreamsException e) {
            throw QueryException.unavailable(table.name() + " is not available (" + streams.state() + "): " + e.getMessage());
        }
    }

    /** How many partitions the table's store has: what Kafka Streams hands the partitioner of a key query. */
    private int partitionCount(QueryableTable<?> table) {
        AtomicInteger count = new AtomicInteger(-1);
        KeyQueryMetadata probe = metadata(table, (topic, key, value, n) -> {
            count.set(n);
            return Optional.of(Set.of(0));
        });
        if (probe == null || probe.equals(KeyQueryMetadata.NOT_AVAILABLE) || count.get() <= 0) {
            throw QueryException.unavailable(table.name() + " is not available yet (" + streams.state() + ")");
        }
        return count.get();
    }

    private static void headers(HttpCall call, Result result) {
        call.header(SERVED_BY, String.join(",", result.servedBy()));
        if (result.standbyLag() >= 0) {
            call.header(STANDBY_LAG, Long.toString(result.standbyLag()));
        }
    }

    static int limit(HttpCall call, int otherwise) {
        Optional<String> given = call.param("limit");
        if (given.isEmpty()) {
            return otherwise;
        }
        try {
            int limit = Integer.parseInt(given.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw QueryException.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + given.get() + "'");
    }

    /** A cursor is the last key of a page, opaque to clients (base64url of its UTF-8 bytes). */
    static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw QueryException.badRequest("not a cursor of this API: '" + cursor + "' (use next_cursor of the previous page)");
        }
    }

    private static void param(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
