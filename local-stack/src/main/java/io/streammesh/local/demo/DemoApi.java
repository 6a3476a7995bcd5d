package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.catalog.DataProduct;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.marketplace.QuoteDecision;
import io.streammesh.local.CatalogCommand;
import io.streammesh.local.Lineage;
import io.streammesh.local.query.QueryClient.Row;
import io.streammesh.producers.gbfs.FeedHealth;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON the page reads, which scripts can use too: {@code /api/data-products}, {@code /api/lineage},
 * {@code /api/stations}, {@code /api/redistribution}, {@code /api/marketplace}, {@code /api/trucks},
 * {@code /api/feeds}, {@code /api/status}. The tables come from the services' query API
 * ({@link DemoTables}), the rest from the page's own consumer ({@link PageState}).
 */
public final class DemoApi {

    private final PageState state;
    private final Supplier<ObjectNode> status;
    private final Map<String, DataProduct> descriptors;
    private final Lineage lineage;
    private final DemoTables tables;
    private final MongoStats mongo;

    public DemoApi(PageState state, Supplier<ObjectNode> status, Map<String, DataProduct> descriptors, Lineage lineage,
                   DemoTables tables, MongoStats mongo) {
        this.state = state;
        this.status = status;
        this.descriptors = descriptors;
        this.lineage = lineage;
        this.tables = tables;
        this.mongo = mongo;
    }

    /** The data products: every topic a service writes or a module describes, in the registry's order, with its writer. */
    public Map<String, String> dataProductTopics() {
        Map<String, String> producedBy = new LinkedHashMap<>();
        CatalogCommand.entries(descriptors).forEach(e -> producedBy.put(e.topic().name(), e.producedBy()));
        return producedBy;
    }

    public ObjectNode dataProducts() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("data_products");
        dataProductTopics().forEach((topic, writer) -> {
            PageState.TopicCount c = state.count(topic);
            DataProduct d = descriptors.get(topic);
            ObjectNode o = list.addObject();
            o.put("name", topic);
            o.put("kind", Topics.spec(topic).kind().name().toLowerCase());
            o.put("produced_by", writer);
            o.put("record_count", c.records());
            if (Topics.spec(topic).isTable()) {
                o.put("live_keys", c.liveKeys());
            }
            if (c.lastTimestamp() > 0) {
                o.put("last_update", c.lastTimestamp());
                o.put("last_update_iso", Instant.ofEpochMilli(c.lastTimestamp()).toString());
            } else {
                o.putNull("last_update");
            }
            if (d == null) {
                o.putNull("descriptor");
            } else {
                o.put("owner", d.ownerTeam());
                o.put("domain", d.domain());
                o.put("description", d.description());
                o.set("tags", Json.MAPPER.valueToTree(d.tags()));
                o.put("freshness", d.freshness());
                o.set("descriptor", d.descriptor());
            }
        });
        root.put("count", list.size());
        root.put("server_time", System.currentTimeMillis());
        return root;
    }

    public ObjectNode lineage() {
        ObjectNode root = Json.MAPPER.valueToTree(lineage);
        Map<String, String> products = dataProductTopics();
        for (var node : root.withArray("nodes")) {
            ObjectNode n = (ObjectNode) node;
            String id = n.get("id").asText();
            if (id.startsWith("topic:")) {
                String topic = id.substring("topic:".length());
                n.put("data_product", products.containsKey(topic));
                n.put("records", state.count(topic).records());
            }
        }
        root.put("mermaid", lineage.toMermaid());
        return root;
    }

    /**
     * The stations with their latest numbers, {@code availability} high or low when the station is a
     * row of that table (with its surplus or shortage), else normal.
     */
    public ObjectNode stations() {
        Map<String, JsonNode> high = byKey(tables.rows(Topics.INVENTORY_AVAILABILITY_HIGH.name()));
        Map<String, JsonNode> low = byKey(tables.rows(Topics.INVENTORY_AVAILABILITY_LOW.name()));
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("stations");
        Map<String, Integer> regions = new java.util.TreeMap<>();
        for (PageState.StationView s : state.stations()) {
            ObjectNode row = Json.MAPPER.valueToTree(s);
            if (high.containsKey(s.stationId())) {
                row.put("availability", "high");
                row.set("surplus", high.get(s.stationId()).get("surplus"));
            } else if (low.containsKey(s.stationId())) {
                row.put("availability", "low");
                row.set("shortage", low.get(s.stationId()).get("shortage"));
            } else {
                row.put("availability", "normal");
            }
            list.add(row);
            regions.merge(s.regionName() != null ? s.regionName() : "(no region)", 1, Integer::sum);
        }
        result.put("high", high.size());
        result.put("low", low.size());
        ObjectNode byRegion = result.putObject("regions");
        regions.forEach(byRegion::put);
        return result;
    }

    /** The current pairs of {@code inventory.redistribution}, largest redistribution first. */
    public ObjectNode redistribution() {
        DemoTables.Rows rows = tables.rows(Topics.INVENTORY_REDISTRIBUTION.name());
        ObjectNode result = answer(rows);
        ArrayNode list = result.putArray("pairs");
        rows.rows().stream()
                .sorted(Comparator.<Row>comparingDouble(r -> -r.value().path("redistribution").asDouble())
                        .thenComparingDouble(r -> r.value().path("distance").asDouble())
                        .thenComparing(Row::key))
                .forEach(r -> list.add(((ObjectNode) r.value().deepCopy()).put("key", r.key())));
        result.put("count", list.size());
        return result;
    }

    public ObjectNode marketplace() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        Map<QuoteDecision, Long> counts = state.statusCounts();
        root.put("accepted", counts.getOrDefault(QuoteDecision.ACCEPTED, 0L));
        root.put("rejected", counts.getOrDefault(QuoteDecision.REJECTED, 0L));
        root.set("by_status", Json.MAPPER.valueToTree(counts));
        root.set("latest", Json.MAPPER.valueToTree(state.latestJobs()));
        ObjectNode m = root.putObject("mongodb");
        if (mongo == null) {
            m.putNull("documents");
            m.put("error", "no MongoDB in this demo");
        } else {
            long docs = mongo.documents();
            m.put("collection", mongo.namespace());
            if (docs < 0) {
                m.putNull("documents");
                m.put("error", mongo.error());
            } else {
                m.put("documents", docs);
            }
        }
        return root;
    }

    /** The rows of {@code truck_tracker}, read through truck-tracker's query API like a pull query. */
    public ObjectNode trucks() {
        DemoTables.Rows rows = tables.rows(Topics.TRUCK_TRACKER.name());
        ObjectNode result = answer(rows);
        ArrayNode list = result.putArray("trucks");
        rows.rows().forEach(r -> list.add(r.value()));
        return result;
    }

    /** Per-file health of the GBFS feeds this JVM reads (with --gbfs-url); empty with the simulator. */
    public ObjectNode feeds() {
        List<FeedHealth> health = FeedHealth.current();
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.set("feeds", Json.MAPPER.valueToTree(health));
        result.put("stale", health.stream().filter(FeedHealth::stale).count());
        result.put("failing", health.stream().filter(h -> h.consecutiveErrors() > 0).count());
        return result;
    }

    public ObjectNode status() {
        ObjectNode s = status.get();
        if (mongo != null) {
            s.put("mongodb_collection", mongo.namespace());
            s.put("mongodb_documents", mongo.documents());
        }
        return s;
    }

    private static ObjectNode answer(DemoTables.Rows rows) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        if (rows.source() != null) {
            result.put("source", rows.source());
        }
        if (rows.error() != null) {
            result.put("error", rows.error());
        }
        return result;
    }

    private static Map<String, JsonNode> byKey(DemoTables.Rows rows) {
        Map<String, JsonNode> map = new HashMap<>();
        rows.rows().forEach(r -> map.put(r.key(), r.value()));
        return map;
    }
}
