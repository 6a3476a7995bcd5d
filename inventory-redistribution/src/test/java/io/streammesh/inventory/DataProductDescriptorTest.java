package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The descriptors this module ships say what its topics really carry, and the catalog finds them. */
class DataProductDescriptorTest {

    private static List<String> fieldsOf(Object value) {
        List<String> fields = new ArrayList<>();
        Json.tree(Json.write(value)).fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    private static List<String> required(DataProduct product) {
        List<String> required = new ArrayList<>();
        product.schema().get("required").forEach(n -> required.add(n.asText()));
        return required;
    }

    @Test
    void redistributionDescriptorSchemaHasExactlyTheFieldsOfThePairRecord() {
        DataProduct product = DataProducts.find(Topics.INVENTORY_REDISTRIBUTION.name()).orElseThrow();
        RedistributionPair pair = new RedistributionPair("S", "D", "A", "s", "d", 3, 2, 2, 1.5);
        assertThat(product.schemaFields()).containsExactlyElementsOf(fieldsOf(pair));
        assertThat(product.schemaFields()).containsAll(required(product));
        JsonNode properties = product.schema().get("properties");
        assertThat(properties.get("distance").get("type").asText()).isEqualTo("number");
        assertThat(properties.get("source_surplus").get("type").asText()).isEqualTo("integer");
    }

    @Test
    void redistributionDescriptorCarriesTheWalkthroughsBusinessMetadata() {
        DataProduct product = DataProducts.find(Topics.INVENTORY_REDISTRIBUTION.name()).orElseThrow();
        assertThat(product.name()).isEqualTo("inventory-redistribution");
        assertThat(product.ownerTeam()).isEqualTo("Bicycle Inventory Team");
        assertThat(product.domain()).isEqualTo("Inventory");
        assertThat(product.tags()).contains("DataProduct");
        assertThat(product.freshness()).isNotBlank();
        JsonNode d = product.descriptor();
        assertThat(d.at("/owner/channel").asText()).isEqualTo("#bike-inv-oncall");
        assertThat(d.at("/owner/slack").asText()).isEqualTo("@bike-inv-oncall");
        assertThat(d.at("/owner/email").asText()).isEqualTo("david@ride4ever.com");
        assertThat(d.at("/domain/executive_owner").asText()).isEqualTo("Will LaForest");
        assertThat(d.at("/domain/email").asText()).isEqualTo("will@ride4ever.com");
        JsonNode business = d.get("business_metadata");
        assertThat(business.at("/Team details/Team name").asText()).isEqualTo("Bicycle Inventory Team");
        assertThat(business.at("/Team details/Slack channel").asText()).isEqualTo("#bike-inv-oncall");
        assertThat(business.at("/Team details/Slack alias").asText()).isEqualTo("@bike-inv-oncall");
        assertThat(business.at("/Domain details/Domain name").asText()).isEqualTo("Inventory");
        assertThat(business.at("/Domain details/Executive owner").asText()).isEqualTo("Will LaForest");
        assertThat(business.at("/Domain details/Executive owner email").asText()).isEqualTo("will@ride4ever.com");
        assertThat(business.at("/Data Product details/Product name").asText()).isEqualTo("inventory-redistribution");
        assertThat(business.at("/Data Product details/Primary owner").asText()).isEqualTo("David the Data Engineer");
        assertThat(business.at("/Data Product details/Primary owner email").asText()).isEqualTo("david@ride4ever.com");
        assertThat(business.at("/Data Product details/Responsible team").asText()).isEqualTo("Bicycle Inventory Team");
        assertThat(business.at("/Data Product details/Domain").asText()).isEqualTo("Inventory");
        // the percent_available decision is stated where consumers read
        assertThat(d.get("clarifications").toString()).contains("real division");
    }

    @Test
    void availabilityDescriptorsMatchTheRowsWritten() {
        HighAvailability high = new HighAvailability(new AvailableStation("s", "n", "A", 1, 2, 10, 8, 2), 3, 0.8);
        LowAvailability low = new LowAvailability(new AvailableStation("s", "n", "A", 1, 2, 10, 2, 8), 3, 0.2);
        DataProduct highProduct = DataProducts.find(Topics.INVENTORY_AVAILABILITY_HIGH.name()).orElseThrow();
        DataProduct lowProduct = DataProducts.find(Topics.INVENTORY_AVAILABILITY_LOW.name()).orElseThrow();
        assertThat(highProduct.schemaFields()).containsExactlyElementsOf(fieldsOf(high));
        assertThat(lowProduct.schemaFields()).containsExactlyElementsOf(fieldsOf(low));
    }

    @Test
    void everyOutputTopicOfTheTopologyHasADescriptorAndTheServiceIsDiscoverable() {
        var topics = TopologyTopics.of(new InventoryRedistributionTopology().build(ServiceConfig.empty()));
        assertThat(topics.inputs()).containsExactly(Topics.STATIONS_ENRICHED.name());
        assertThat(topics.outputs()).containsExactlyInAnyOrder(Topics.INVENTORY_AVAILABILITY_HIGH.name(),
                Topics.INVENTORY_AVAILABILITY_LOW.name(), Topics.INVENTORY_REDISTRIBUTION.name());
        Map<String, DataProduct> products = DataProducts.load();
        assertThat(products).containsKeys(topics.outputs().toArray(String[]::new));

        assertThat(ServiceLoader.load(io.streammesh.common.runtime.StreamService.class).stream()
                .map(p -> p.get().name())).contains("inventory-redistribution");
    }
}
