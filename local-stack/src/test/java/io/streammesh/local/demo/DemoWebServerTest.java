package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.common.runtime.HttpEndpoint;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import io.streammesh.local.Lineage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoWebServerTest {

    /** Writes job_status from order_placed: enough topology for the lineage and the data-product list. */
    static final class FakeJobs implements StreamService {
        record Job(Long jobId) {
        }

        @Override
        public String name() {
            return "fake-jobs";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public Topology build(ServiceConfig config) {
            StreamsBuilder b = new StreamsBuilder();
            b.stream(Topics.ORDER_PLACED.name(), Consumed.with(Serdes.String(), JsonSerde.of(Job.class)))
                    .to(Topics.JOB_STATUS.name(), Produced.with(Serdes.String(), JsonSerde.of(Job.class)));
            return b.build();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final PageState state = new PageState();
    private HttpServer trucks;
    private DemoWebServer web;

    @BeforeEach
    void start() throws Exception {
        trucks = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        trucks.createContext("/trucks", exchange -> {
            try (exchange) {
                HttpEndpoint.respond(exchange, 200, "application/json", """
                        [{"job_id": "7", "vehicle_id": "truck-1", "state": "EN_ROUTE", "lat": -33.8, "long": 151.2,
                          "dest_lat": -33.9, "dest_long": 151.3, "distance_from_destination": 14.2, "eta_seconds": 40.0}]""");
            }
        });
        trucks.start();
        DataProduct jobStatus = DataProducts.parse(Topics.JOB_STATUS.name(), Json.tree("""
                {"description": "orders matched to jobs", "owner": {"team": "Marketplace Team"}, "domain": "Marketplace",
                 "tags": ["DataProduct"], "sla": {"freshness": "1 minute"}}"""), "test");
        DataProduct described = DataProducts.parse(Topics.TRUCK_TRACKER.name(), Json.tree("""
                {"description": "trucks"}"""), "test");
        Lineage lineage = Lineage.build(List.of(new FakeJobs()));
        DemoApi api = new DemoApi(state, () -> Json.MAPPER.createObjectNode().put("uptime_seconds", 5),
                Map.of(Topics.JOB_STATUS.name(), jobStatus, Topics.TRUCK_TRACKER.name(), described), lineage,
                new TrucksClient(() -> trucks.getAddress().getPort()), null);
        web = DemoWebServer.start(0, api);
    }

    @AfterEach
    void stop() {
        web.close();
        trucks.stop(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + web.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return Json.tree(r.body());
    }

    @Test
    void servesThePageAndItsBundledScriptsWithoutAnythingFromOutside() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.body()).contains("<script src=\"app.js\"></script>").contains("id=\"lineage\"").contains("id=\"map\"");
        for (String file : List.of("/index.html", "/app.js", "/style.css")) {
            HttpResponse<String> r = get(file);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            // the only absolute URLs: the SVG namespace and links to the services' own /health on this host
            String body = r.body().replace("http://www.w3.org/2000/svg", "").replace("http://${location.hostname}:", "");
            assertThat(body).as(file + " loads nothing from the internet").doesNotContain("http://", "https://", "//cdn");
        }
        assertThat(get("/app.js").headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(get("/nothing-here.js").statusCode()).isEqualTo(404);
        assertThat(get("/../pom.xml").statusCode()).isIn(400, 404);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void dataProductsListEachOutputTopicWithItsDescriptorCountAndLastUpdate() throws Exception {
        state.apply(Topics.JOB_STATUS.name(), "1", "{\"job_id\":1,\"current_status\":\"ACCEPTED\"}", 1_700_000_000_000L, 0);
        state.apply(Topics.JOB_STATUS.name(), "2", "{\"job_id\":2,\"current_status\":\"REJECTED\"}", 1_700_000_005_000L, 0);

        JsonNode body = json("/api/data-products");
        List<String> names = new ArrayList<>();
        body.get("data_products").forEach(p -> names.add(p.get("name").asText()));
        // the fake service's output, and a topic some module describes though no service of this build writes it
        assertThat(names).containsExactly(Topics.JOB_STATUS.name(), Topics.TRUCK_TRACKER.name());
        JsonNode jobs = body.get("data_products").get(0);
        assertThat(jobs.get("produced_by").asText()).isEqualTo("fake-jobs");
        assertThat(jobs.get("record_count").asLong()).isEqualTo(2);
        assertThat(jobs.get("last_update").asLong()).isEqualTo(1_700_000_005_000L);
        assertThat(jobs.get("last_update_iso").asText()).isEqualTo("2023-11-14T22:13:25Z");
        assertThat(jobs.get("owner").asText()).isEqualTo("Marketplace Team");
        assertThat(jobs.get("tags").get(0).asText()).isEqualTo("DataProduct");
        assertThat(jobs.get("descriptor").get("sla").get("freshness").asText()).isEqualTo("1 minute");
        JsonNode trucksProduct = body.get("data_products").get(1);
        assertThat(trucksProduct.get("produced_by").isNull()).isTrue();
        assertThat(trucksProduct.get("record_count").asLong()).isZero();
        assertThat(trucksProduct.get("last_update").isNull()).isTrue();
        assertThat(body.get("server_time").asLong()).isPositive();
    }

    @Test
    void lineageComesFromTheTopologyAndMarksDataProducts() throws Exception {
        JsonNode lineage = json("/api/lineage");
        assertThat(lineage.toString()).contains("{\"from\":\"topic:order_placed\",\"to\":\"service:fake-jobs\"}")
                .contains("{\"from\":\"service:fake-jobs\",\"to\":\"topic:job_status\"}");
        JsonNode jobStatus = null;
        JsonNode orders = null;
        for (JsonNode n : lineage.get("nodes")) {
            if (n.get("id").asText().equals("topic:job_status")) {
                jobStatus = n;
            } else if (n.get("id").asText().equals("topic:order_placed")) {
                orders = n;
            }
        }
        assertThat(jobStatus.get("data_product").asBoolean()).isTrue();
        assertThat(orders.get("data_product").asBoolean()).isFalse();
        assertThat(lineage.get("mermaid").asText()).startsWith("flowchart LR").contains("service_fake_jobs --> topic_job_status");
    }

    @Test
    void trucksAreReadThroughTheTrackersHttpRoute() throws Exception {
        JsonNode body = json("/api/trucks");
        assertThat(body.get("trucks")).hasSize(1);
        assertThat(body.get("trucks").get(0).get("vehicle_id").asText()).isEqualTo("truck-1");
        assertThat(body.get("source").asText()).endsWith("/trucks");
        assertThat(body.has("error")).isFalse();
    }

    @Test
    void marketplaceStatusStationsAndPairsAreServed() throws Exception {
        state.apply(Topics.JOB_STATUS.name(), "1", "{\"job_id\":1,\"current_status\":\"ACCEPTED\"}", 1, 0);
        state.apply(Topics.INVENTORY_REDISTRIBUTION.name(), "a-b", "{\"redistribution\":2}", 1, 0);
        JsonNode market = json("/api/marketplace");
        assertThat(market.get("accepted").asLong()).isEqualTo(1);
        assertThat(market.get("mongodb").get("documents").isNull()).isTrue();
        assertThat(json("/api/redistribution").get("pairs").get(0).get("key").asText()).isEqualTo("a-b");
        assertThat(json("/api/stations").get("stations")).isEmpty();
        assertThat(json("/api/status").get("uptime_seconds").asInt()).isEqualTo(5);
    }
}
