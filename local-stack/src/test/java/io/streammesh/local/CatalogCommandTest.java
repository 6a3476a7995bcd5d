package io.streammesh.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

public class CatalogCommandTest {

    /** The data products of the spec: every output of the five services. */
    public static final List<String> DATA_PRODUCTS = List.of(
            Topics.STATIONS_INFO_LATEST.name(), Topics.STATIONS_ENRICHED.name(), Topics.CUSTOMERS_ENRICHED.name(),
            Topics.INVENTORY_AVAILABILITY_HIGH.name(), Topics.INVENTORY_AVAILABILITY_LOW.name(), Topics.INVENTORY_REDISTRIBUTION.name(),
            Topics.JOB_STATUS.name(), Topics.TRUCK_TRACKER.name());

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new StreamMeshCli());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void everyDataProductOfTheSuiteShipsADescriptorWithOwnerDomainTagAndSchema() {
        var products = DataProducts.load();
        assertThat(products.keySet()).containsExactlyInAnyOrderElementsOf(DATA_PRODUCTS);
        products.values().forEach(p -> {
            assertThat(p.ownerTeam()).as(p.topic()).isNotBlank();
            assertThat(p.domain()).as(p.topic()).isNotBlank();
            assertThat(p.tags()).as(p.topic()).contains("DataProduct");
            assertThat(p.freshness()).as(p.topic()).isNotBlank();
            assertThat(p.schemaFields()).as(p.topic()).isNotEmpty();
        });
        assertThat(products.get(Topics.INVENTORY_REDISTRIBUTION.name()).ownerTeam()).isEqualTo("Bicycle Inventory Team");
    }

    @Test
    void listsEachDataProductWithWhoProducesItAndItsDescriptor() {
        String out = run("catalog");
        for (String topic : DATA_PRODUCTS) {
            assertThat(out).contains(topic);
        }
        assertThat(out).contains("inventory-redistribution").contains("Bicycle Inventory Team").contains("DataProduct")
                .contains("fields: source_station_id");
        assertThat(out).doesNotContain("(no descriptor)").doesNotContain("(not in this build)");
    }

    @Test
    void jsonHasTheWholeDescriptors() {
        JsonNode list = Json.tree(run("catalog", "--json"));
        List<String> topics = new ArrayList<>();
        list.forEach(e -> topics.add(e.get("topic").asText()));
        assertThat(topics).containsExactlyElementsOf(DATA_PRODUCTS);
        assertThat(list.get(0).get("produced_by").asText()).isEqualTo("station-enrichment");
        assertThat(list.get(0).get("descriptor").get("schema").get("properties").has("region_name")).isTrue();
    }
}
