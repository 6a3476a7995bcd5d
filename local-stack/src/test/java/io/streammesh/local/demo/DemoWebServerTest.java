package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.JsonSerde;
import io.streammesh.common.runtime.HttpEndpoint;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import io.streammesh.local.Lineage;
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
    /** Pages of the query API as a service answers them, one per table this test serves. */
    static final Map<String, String> PAGES = Map.of(
            Topics.TRUCK_TRACKER.name(), """
                    {"table": "truck_tracker", "next_cursor": null, "rows": [{"key": "7", "value": {"job_id": "7", "vehicle_id": "truck-1",
                     "state": "EN_ROUTE", "lat": -33.8, "long": 151.2, "dest_lat": -33.9, "dest_long": 151.3,
                     "distance_from_destination": 14.2, "eta_seconds": 40.0}}]}""",
            Topics.INVENTORY_REDISTRIBUTION.name(), """
                    {"table": "inventory.redistribution", "next_cursor": null, "rows": [
                     {"key": "a-b", "value": {"source_station_id": "a", "dest_station_id": "b", "redistribution": 2, "distance": 1.5}},
                     {"key": "c-b", "value": {"source_station_id": "c", "dest_station_id": "b", "redistribution": 5, "distance": 3.0}}]}""",
            Topics.INVENTORY_AVAILABILITY_HIGH.name(), """
                    {"table": "inventory.availability.high", "next_cursor": null, "rows": [{"key": "2", "value": {"station_id": "2", "surplus": 4}}]}""",
            Topics.INVENTORY_AVAILABILITY_LOW.name(), """
                    {"table": "inventory.availability.low", "next_cursor": null, "rows": []}""");

    private HttpEndpoint service;
    private DemoWebServer web;

    @BeforeEach
    void start() throws Exception {
        service = HttpEndpoint.start("fake-service", 0, () -> new HttpEndpoint.Health(true, "RUNNING"), () -> "");
        service.route("/v1/tables", call -> call.json(200, PAGES.get(call.path().substring("/v1/tables/".length()))));
        URI instance = URI.create("http://localhost:" + service.port());
        DataProduct jobStatus = DataProducts.parse(Topics.JOB_STATUS.name(), Json.tree("""
                {"description": "orders matched to jobs", "owner": {"team": "Marketplace Team"}, "domain": "Marketplace",
                 "tags": ["DataProduct"], "sla": {"freshness": "1 minute"}}"""), "test");
        DataProduct described = DataProducts.parse(Topics.TRUCK_TRACKER.name(), Json.tree("""
                {"description": "trucks"}"""), "test");
        Lineage lineage = Lineage.build(List.of(new FakeJobs()));
        DemoApi api = new DemoApi(state, () -> Json.MAPPER.createObjectNode().put("uptime_seconds", 5),
                Map.of(Topics.JOB_STATUS.name(), jobStatus, Topics.TRUCK_TRACKER.name(), described), lineage,
                new DemoTables(table -> PAGES.containsKey(table) ? instance : null), null);
        web = DemoWebServer.start(0, api, List.of(), null);
    }

    @AfterEach
    void stop() {
        web.close();
        service.close();
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
        apply(Topics.JOB_STATUS.name(), "1", "{\"job_id\":1,\"current_status\":\"ACCEPTED\"}", 1_700_000_000_000L);
        apply(Topics.JOB_STATUS.name(), "2", "{\"job_id\":2,\"current_status\":\"REJECTED\"}", 1_700_000_005_000L);

        JsonNode body = json("/api/data-products");
        List<String> names = new ArrayList<>();
        body.get("data_products").forEach(p -> names.add(p.get("name").asText()));
        // every topic a service writes, in the registry's order
        assertThat(names).containsExactlyElementsOf(Topics.ALL.stream().filter(t -> t.producer().isEmpty()).map(t -> t.name()).toList());
        JsonNode jobs = body.get("data_products").get(names.indexOf(Topics.JOB_STATUS.name()));
        assertThat(jobs.get("produced_by").asText()).isEqualTo("marketplace-jobs");
        assertThat(jobs.get("record_count").asLong()).isEqualTo(2);
        assertThat(jobs.get("last_update").asLong()).isEqualTo(1_700_000_005_000L);
        assertThat(jobs.get("last_update_iso").asText()).isEqualTo("2023-11-14T22:13:25Z");
        assertThat(jobs.get("owner").asText()).isEqualTo("Marketplace Team");
        assertThat(jobs.get("tags").get(0).asText()).isEqualTo("DataProduct");
        assertThat(jobs.get("descriptor").get("sla").get("freshness").asText()).isEqualTo("1 minute");
        JsonNode trucksProduct = body.get("data_products").get(names.indexOf(Topics.TRUCK_TRACKER.name()));
        assertThat(trucksProduct.get("produced_by").asText()).isEqualTo("truck-tracker");
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
    void trucksAreReadThroughTheTrackersQueryApi() throws Exception {
        JsonNode body = json("/api/trucks");
        assertThat(body.get("trucks")).hasSize(1);
        assertThat(body.get("trucks").get(0).get("vehicle_id").asText()).isEqualTo("truck-1");
        assertThat(body.get("source").asText()).endsWith("/v1/tables/truck_tracker");
        assertThat(body.has("error")).isFalse();
    }

    @Test
    void pairsAndAvailabilityComeFromTheQueryApiLargestRedistributionFirst() throws Exception {
        apply(Topics.STATIONS_ENRICHED.name(), "2", "{\"station_id\":\"2\",\"lat\":40.8,\"lon\":-74.1,\"capacity\":10}", 1);
        apply(Topics.STATIONS_ENRICHED.name(), "3", "{\"station_id\":\"3\",\"lat\":40.6,\"lon\":-74.2,\"capacity\":10}", 2);
        JsonNode pairs = json("/api/redistribution");
        assertThat(pairs.get("count").asInt()).isEqualTo(2);
        assertThat(pairs.get("pairs").get(0).get("key").asText()).isEqualTo("c-b");
        assertThat(pairs.get("pairs").get(1).get("redistribution").asInt()).isEqualTo(2);
        JsonNode stations = json("/api/stations");
        assertThat(stations.get("high").asInt()).isEqualTo(1);
        assertThat(stations.get("low").asInt()).isZero();
        assertThat(stations.get("stations").get(0).get("availability").asText()).isEqualTo("high");
        assertThat(stations.get("stations").get(0).get("surplus").asInt()).isEqualTo(4);
        assertThat(stations.get("stations").get(1).get("availability").asText()).isEqualTo("normal");
    }

    @Test
    void aTableNoServiceServesIsAnErrorInTheAnswerNotAFailure() throws Exception {
        DemoApi api = new DemoApi(state, Json.MAPPER::createObjectNode, Map.of(), Lineage.build(List.of()), new DemoTables(t -> null), null);
        assertThat(api.trucks().get("trucks")).isEmpty();
        assertThat(api.trucks().get("error").asText()).contains("no running service serves truck_tracker");
        URI nobody = URI.create("http://localhost:" + io.streammesh.embedded.EmbeddedKafkaBroker.freePort());
        DemoApi unreachable = new DemoApi(state, Json.MAPPER::createObjectNode, Map.of(), Lineage.build(List.of()),
                new DemoTables(t -> nobody), null);
        assertThat(unreachable.trucks().get("error").asText()).contains("GET " + nobody + "/v1/tables/truck_tracker failed");
    }

    @Test
    void marketplaceAndStatusAreServed() throws Exception {
        apply(Topics.JOB_STATUS.name(), "1", "{\"job_id\":1,\"service_option\":\"Roofing\",\"current_status\":\"ACCEPTED\"}", 1);
        JsonNode market = json("/api/marketplace");
        assertThat(market.get("accepted").asLong()).isEqualTo(1);
        assertThat(market.get("latest").get(0).get("service_option").asText()).isEqualTo("Roofing");
        assertThat(market.get("latest").get(0).get("timestamp").asLong()).isEqualTo(1);
        assertThat(market.get("mongodb").get("documents").isNull()).isTrue();
        assertThat(json("/api/status").get("uptime_seconds").asInt()).isEqualTo(5);
        assertThat(json("/api/feeds").get("feeds")).isEmpty();
    }

    private void apply(String topic, String key, String json, long timestamp) {
        state.apply(topic, key, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), timestamp, 0);
    }
}
