package io.streammesh.customers;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import io.streammesh.contracts.bikeshare.CustomerEnriched;
import io.streammesh.contracts.bikeshare.CustomerInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The customers.enriched descriptor lists exactly the fields the service writes, in order. */
class DataProductDescriptorTest {

    @Test
    void customersEnrichedDescriptorHasTheFieldsOfTheRow() {
        DataProduct product = DataProducts.find(Topics.CUSTOMERS_ENRICHED.name()).orElseThrow();
        List<String> fields = new ArrayList<>();
        Json.tree(Json.write(new CustomerEnriched(new CustomerInfo("C1", "a", "b", "c", "d"),
                new CustomerDemographics("C1", 30, "female", 50_000L, "PhD", "single")))).fieldNames().forEachRemaining(fields::add);
        assertThat(product.schemaFields()).containsExactlyElementsOf(fields);
        assertThat(product.descriptor().get("produced_by").asText()).isEqualTo(CustomerEnrichmentTopology.NAME);
    }
}
