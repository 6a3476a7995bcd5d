package io.streammesh.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataProductsTest {

    @TempDir
    Path dir;

    private void write(String resource, String json) throws Exception {
        Path file = dir.resolve(resource);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private ClassLoader loader(Path... roots) throws Exception {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    @Test
    void readsTheDescriptorOfEachSpecTopicByResourceName() throws Exception {
        write("META-INF/streammesh/data-products/job_status.json", """
                {"topic": "job_status", "description": "Orders matched to jobs",
                 "owner": {"team": "Marketplace Team", "email": "m@example.com"}, "domain": {"name": "Marketplace"},
                 "tags": ["DataProduct", "Marketplace"], "sla": {"freshness": "1 minute"},
                 "schema": {"type": "object", "properties": {"job_id": {"type": "integer"}, "current_status": {"type": "string"}}}}
                """);
        write("META-INF/streammesh/data-products/truck_tracker.json", """
                {"description": "Trucks", "owner": "Logistics Team", "domain": "Logistics", "sla": "5 seconds"}
                """);
        write("META-INF/streammesh/data-products/not.a.spec.topic.json", """
                {"description": "ignored"}
                """);

        Map<String, DataProduct> products = DataProducts.load(loader(dir));

        assertThat(products.keySet()).containsExactly("job_status", "truck_tracker");
        DataProduct jobStatus = products.get("job_status");
        assertThat(jobStatus.name()).isEqualTo("job_status");
        assertThat(jobStatus.ownerTeam()).isEqualTo("Marketplace Team");
        assertThat(jobStatus.domain()).isEqualTo("Marketplace");
        assertThat(jobStatus.tags()).containsExactly("DataProduct", "Marketplace");
        assertThat(jobStatus.freshness()).isEqualTo("1 minute");
        assertThat(jobStatus.schemaFields()).containsExactly("job_id", "current_status");
        assertThat(jobStatus.descriptor().get("owner").get("email").asText()).isEqualTo("m@example.com");
        assertThat(jobStatus.resource()).isEqualTo("META-INF/streammesh/data-products/job_status.json");

        DataProduct trucks = products.get("truck_tracker");
        assertThat(trucks.ownerTeam()).isEqualTo("Logistics Team");
        assertThat(trucks.domain()).isEqualTo("Logistics");
        assertThat(trucks.freshness()).isEqualTo("5 seconds");
        assertThat(trucks.tags()).isEmpty();
        assertThat(trucks.schemaFields()).isEmpty();
    }

    @Test
    void acceptsAModuleRootDataProductJsonNamingItsTopicUnlessAConventionalOneExists(@TempDir Path other) throws Exception {
        write("data-product.json", """
                {"name": "inventory-redistribution", "topic": "inventory.redistribution", "description": "Pairs",
                 "owner": {"team": "Bicycle Inventory Team"}, "domain": {"name": "Inventory"}, "tags": ["DataProduct"]}
                """);
        Files.writeString(other.resolve("data-product.json"), """
                {"topic": "job_status", "description": "legacy job status"}
                """);
        Files.createDirectories(other.resolve("META-INF/streammesh/data-products"));
        Files.writeString(other.resolve("META-INF/streammesh/data-products/job_status.json"), """
                {"description": "conventional job status"}
                """);

        Map<String, DataProduct> products = DataProducts.load(loader(dir, other));

        assertThat(products.keySet()).containsExactly("inventory.redistribution", "job_status");
        assertThat(products.get("inventory.redistribution").name()).isEqualTo("inventory-redistribution");
        assertThat(products.get("inventory.redistribution").ownerTeam()).isEqualTo("Bicycle Inventory Team");
        assertThat(products.get("job_status").description()).isEqualTo("conventional job status");
    }

    @Test
    void aDescriptorForAnotherTopicOrWithoutDescriptionIsRejectedWithItsName() throws Exception {
        write("META-INF/streammesh/data-products/job_status.json", """
                {"topic": "truck_tracker", "description": "wrong file"}
                """);
        assertThatThrownBy(() -> DataProducts.load(loader(dir)))
                .hasMessageContaining("job_status.json").hasMessageContaining("truck_tracker");

        write("META-INF/streammesh/data-products/job_status.json", """
                {"owner": "someone"}
                """);
        assertThatThrownBy(() -> DataProducts.load(loader(dir))).hasMessageContaining("has no description");
    }

    @Test
    void nothingOnTheClasspathMeansNoDataProducts() throws Exception {
        assertThat(DataProducts.load(loader(dir))).isEmpty();
    }
}
