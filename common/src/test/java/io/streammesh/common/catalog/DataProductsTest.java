package io.streammesh.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammesh.contracts.Schemas;
import io.streammesh.contracts.Topics;
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
                 "tags": ["DataProduct", "Marketplace"], "sla": {"freshness": "1 minute"}}
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
        // the schema is the contract record's, whatever the descriptor says
        assertThat(jobStatus.schema()).isEqualTo(Schemas.of(Topics.JOB_STATUS));
        assertThat(jobStatus.descriptor().get("schema")).isEqualTo(Schemas.of(Topics.JOB_STATUS));
        assertThat(jobStatus.schemaFields()).containsExactly("job_id", "customer_id", "service_option", "price", "price_quoted",
                "current_status");
        assertThat(jobStatus.descriptor().get("owner").get("email").asText()).isEqualTo("m@example.com");
        assertThat(jobStatus.resource()).isEqualTo("META-INF/streammesh/data-products/job_status.json");

        DataProduct trucks = products.get("truck_tracker");
        assertThat(trucks.ownerTeam()).isEqualTo("Logistics Team");
        assertThat(trucks.domain()).isEqualTo("Logistics");
        assertThat(trucks.freshness()).isEqualTo("5 seconds");
        assertThat(trucks.tags()).isEmpty();
        assertThat(trucks.schema()).isEqualTo(Schemas.of(Topics.TRUCK_TRACKER));
    }

    @Test
    void aDescriptorThatStillHoldsASchemaIsRejected() throws Exception {
        write("META-INF/streammesh/data-products/job_status.json", """
                {"description": "Orders matched to jobs", "schema": {"type": "object"}}
                """);
        assertThatThrownBy(() -> DataProducts.load(loader(dir)))
                .hasMessageContaining("job_status.json").hasMessageContaining("generated from the topic's record");
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
