package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.catalog.DataProduct;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.local.CatalogCommand;
import io.streammesh.local.Lineage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON the page reads, which scripts can use too: {@code /api/data-products}, {@code /api/lineage},
 * {@code /api/stations}, {@code /api/redistribution}, {@code /api/marketplace}, {@code /api/trucks},
 * {@code /api/status}.
 */
public final class DemoApi {

    private final PageState state;
    private final Supplier<ObjectNode> status;
    private final Map<String, DataProduct> descriptors;
    private final Lineage lineage;
    private final TrucksClient trucks;
    private final MongoStats mongo;

    public DemoApi(PageState state, Supplier<ObjectNode> status, Map<String, DataProduct> descriptors, Lineage lineage,
                   TrucksClient trucks, MongoStats mongo) {
        this.state = state;
        this.status = status;
        this.descriptors = descriptors;
        this.lineage = lineage;
        this.trucks = trucks;
        this.mongo = mongo;
    }

    /** The data products: every topic a service writes or a module describes, in the spec's order, with its writer. */
    public Map<String, String> dataProductTopics() {
        Map<String, String> producedBy = new LinkedHashMap<>();
        CatalogCommand.entries(lineage, descriptors).forEach(e -> producedBy.put(e.topic().name(), e.producedBy()));
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

    public ObjectNode stations() {
        return state.stations();
    }

    public ObjectNode redistribution() {
        return state.redistribution();
    }

    public ObjectNode marketplace() {
        ObjectNode root = state.jobs();
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

    public ObjectNode trucks() {
        return trucks.trucks();
    }

    public ObjectNode status() {
        ObjectNode s = status.get();
        if (mongo != null) {
            s.put("mongodb_collection", mongo.namespace());
            s.put("mongodb_documents", mongo.documents());
        }
        return s;
    }
}
