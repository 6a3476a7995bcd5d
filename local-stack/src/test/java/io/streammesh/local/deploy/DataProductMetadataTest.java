package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataProductMetadataTest {

    @Test
    void aDescriptorsOwnBusinessMetadataWinsAndMissingAttributesAreDerived() {
        DataProductMetadata dp = DataProductMetadata.of("inventory.redistribution", Json.tree("""
                {"name": "inventory-redistribution", "topic": "inventory.redistribution", "description": "pairs",
                 "owner": {"team": "Bicycle Inventory Team", "channel": "#bike-inv-oncall", "slack": "@bike-inv-oncall",
                           "primary_owner": "David the Data Engineer", "email": "david@ride4ever.com"},
                 "domain": {"name": "Inventory", "executive_owner": "Will LaForest", "email": "will@ride4ever.com"},
                 "business_metadata": {"Team details": {"Team name": "Bicycle Inventory Team (given)"}},
                 "tags": ["DataProduct"], "schema": {"type": "object", "properties": {"distance": {"type": "number"}}}}
                """), "test");

        assertThat(dp.tags()).containsExactly("DataProduct");
        assertThat(dp.schema().get("properties").has("distance")).isTrue();
        assertThat(dp.businessMetadata().get("Team details")).containsExactly(
                Map.entry("Team name", "Bicycle Inventory Team (given)"),
                Map.entry("Slack channel", "#bike-inv-oncall"),
                Map.entry("Slack alias", "@bike-inv-oncall"));
        assertThat(dp.businessMetadata().get("Domain details")).containsExactly(
                Map.entry("Domain name", "Inventory"),
                Map.entry("Executive owner", "Will LaForest"),
                Map.entry("Executive owner email", "will@ride4ever.com"));
        assertThat(dp.businessMetadata().get("Data Product details")).containsExactly(
                Map.entry("Product name", "inventory-redistribution"),
                Map.entry("Primary owner", "David the Data Engineer"),
                Map.entry("Primary owner email", "david@ride4ever.com"),
                Map.entry("Responsible team", "Bicycle Inventory Team"),
                Map.entry("Domain", "Inventory"));
    }

    @Test
    void aPlainOwnerAndDomainGiveWhatTheyCanAndEmptyKindsAreLeftOut() {
        DataProductMetadata dp = DataProductMetadata.of("job_status", Json.tree("""
                {"description": "statuses", "owner": "Marketplace Team", "tags": ["DataProduct", "Marketplace"]}
                """), "test");

        assertThat(dp.name()).isEqualTo("job_status");
        assertThat(dp.schema()).isNull();
        assertThat(dp.businessMetadata().keySet()).containsExactly("Team details", "Data Product details");
        assertThat(dp.businessMetadata().get("Data Product details"))
                .containsEntry("Product name", "job_status").containsEntry("Responsible team", "Marketplace Team");
    }

    @Test
    void namesTheCatalogWouldRejectFailTheGeneratorWithTheDescriptorNamed() {
        assertThatThrownBy(() -> DataProductMetadata.of("x", Json.tree("{\"description\": \"d\", \"tags\": [\"data-product\"]}"),
                "x.json")).hasMessageContaining("x.json").hasMessageContaining("'data-product'");
        assertThatThrownBy(() -> DataProductMetadata.of("x", Json.tree("{\"description\": \"d\", \"topic\": \"y\"}"), "x.json"))
                .hasMessageContaining("describes topic 'y'");
        assertThatThrownBy(() -> DataProductMetadata.of("x", Json.tree("{\"name\": \"n\"}"), "x.json"))
                .hasMessageContaining("no description");
    }

    @Test
    void theVariablesDeclareEachBusinessMetadataOnceWithEveryAttributeAnyProductUses() {
        DataProductMetadata a = DataProductMetadata.of("job_status", Json.tree(
                "{\"description\": \"d\", \"owner\": {\"team\": \"T\", \"channel\": \"#c\"}, \"tags\": [\"DataProduct\"]}"), "a");
        DataProductMetadata b = DataProductMetadata.of("truck_tracker", Json.tree(
                "{\"description\": \"d\", \"owner\": {\"team\": \"T\", \"slack\": \"@s\"}, \"tags\": [\"DataProduct\", \"Trucks\"],"
                        + " \"schema\": {\"type\": \"object\"}}"), "b");
        var vars = DeploymentModel.of(List.of(), Topics.producers(), Topics.SINKS,
                Map.of("job_status", a, "truck_tracker", b)).toTerraformVars();

        assertThat(vars.get("business_metadata").get("Team details").get("attributes").toString())
                .isEqualTo("[\"Slack alias\",\"Slack channel\",\"Team name\"]");
        assertThat(vars.get("tags").has("DataProduct")).isTrue();
        assertThat(vars.get("tags").has("Trucks")).isTrue();
        assertThat(vars.get("schemas").has("truck_tracker-value")).isTrue();
        assertThat(vars.get("schemas").has("job_status-value")).isFalse();
        assertThat(vars.get("schemas").get("truck_tracker-value").get("schema").asText()).isEqualTo("{\"type\":\"object\"}");
        assertThat(vars.get("data_products").get("job_status").get("business_metadata").get("Team details").toString())
                .isEqualTo("{\"Slack channel\":\"#c\",\"Team name\":\"T\"}");
    }

    @Test
    void inventoryRedistributionCarriesTheWalkthroughsBusinessMetadata() {
        Map<String, DataProductMetadata> all = DataProductMetadata.load(getClass().getClassLoader());
        assumeTrue(all.containsKey("inventory.redistribution"),
                "inventory-redistribution's descriptor is not on this class path (a -pl build against older jars)");
        DataProductMetadata dp = all.get("inventory.redistribution");

        assertThat(dp.tags()).contains("DataProduct");
        assertThat(dp.schema()).isNotNull();
        assertThat(dp.businessMetadata().get("Team details").values())
                .contains("Bicycle Inventory Team", "#bike-inv-oncall", "@bike-inv-oncall");
        assertThat(dp.businessMetadata().get("Domain details").values())
                .contains("Inventory", "Will LaForest", "will@ride4ever.com");
        assertThat(dp.businessMetadata().get("Data Product details").values())
                .contains("inventory-redistribution", "David the Data Engineer", "david@ride4ever.com",
                        "Bicycle Inventory Team", "Inventory");
    }
}
