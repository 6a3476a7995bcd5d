package io.streammesh.common.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.common.runtime.HttpCall;
import io.streammesh.common.runtime.HttpRoute;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Schemas;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The query API of one running service, under {@code /v1}: its tables ({@link TableQueries}), the
 * change streams of the registry's topics ({@link StreamChanges}), and {@code GET /v1/catalog},
 * what this instance serves with each data product's schema.
 *
 * <p>Settings read here: {@link Settings#QUERY_TIMEOUT}, {@link Settings#QUERY_STREAM_BUFFER}.
 */
public final class QueryApi implements AutoCloseable {

    static final String CATALOG = "/v1/catalog";

    private final String service;
    private final String applicationId;
    private final KafkaStreams streams;
    private final Collection<String> outputs;
    private final Supplier<HostInfo> self;
    private final Peers peers;
    private final TableQueries tables;
    private final StreamChanges changes;

    /**
     * @param outputs the topics the service writes (the streams its catalog lists)
     * @param self    this instance's address as the others know it ({@code application.server})
     */
    public QueryApi(String service, String applicationId, KafkaStreams streams, Collection<QueryableTable<?>> tables,
                    Collection<String> outputs, ServiceConfig config, Supplier<HostInfo> self) {
        this.service = service;
        this.applicationId = applicationId;
        this.streams = streams;
        this.outputs = List.copyOf(outputs);
        this.self = self;
        this.peers = new Peers(service, config.get(Settings.QUERY_TIMEOUT));
        this.tables = new TableQueries(streams, tables, peers, self);
        this.changes = new StreamChanges(config, config.get(Settings.QUERY_STREAM_BUFFER));
    }

    public List<HttpRoute> routes() {
        List<HttpRoute> routes = new ArrayList<>(tables.routes());
        routes.add(changes.route());
        routes.add(new HttpRoute(CATALOG, this::catalog));
        return routes;
    }

    private void catalog(HttpCall call) {
        Map<String, DataProduct> products = DataProducts.load();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("service", service);
        root.put("application_id", applicationId);
        HostInfo me = self.get();
        root.put("instance", me.host() + ":" + me.port());
        root.put("state", streams.state().name());
        ArrayNode list = root.putArray("tables");
        for (QueryableTable<?> t : tables.tables()) {
            ObjectNode o = describe(list.addObject(), t.topic(), products.get(t.name()));
            o.put("store", t.store());
            o.put("get", TableQueries.PATH + "/" + t.name() + "/{key}");
            o.put("scan", TableQueries.PATH + "/" + t.name() + "?limit=&cursor=&from=&to=");
            o.set("aliases", Json.MAPPER.valueToTree(t.aliases()));
        }
        ArrayNode streamList = root.putArray("streams");
        for (Topic<?> topic : Topics.ALL) {
            if (outputs.contains(topic.name())) {
                describe(streamList.addObject(), topic, products.get(topic.name()))
                        .put("changes", StreamChanges.PATH + "/" + topic.name() + "/changes");
            }
        }
        root.put("note", "any topic of the registry can be followed at " + StreamChanges.PATH
                + "/{topic}/changes[?from=beginning]; tables are served by the service that keeps them");
        call.json(200, root);
    }

    private static ObjectNode describe(ObjectNode o, Topic<?> topic, DataProduct product) {
        o.put("name", topic.name());
        o.put("kind", topic.kind().name().toLowerCase());
        topic.keyField().ifPresentOrElse(k -> o.put("key_field", k), () -> o.putNull("key_field"));
        o.put("description", product != null ? product.description() : topic.description());
        if (product != null) {
            o.put("owner", product.ownerTeam());
            o.put("domain", product.domain());
            o.put("freshness", product.freshness());
        }
        o.set("schema", Schemas.of(topic));
        return o;
    }

    @Override
    public void close() {
        changes.close();
        peers.close();
    }
}
