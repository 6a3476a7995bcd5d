package io.streammesh.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.marketplace.model.JobStatus;
import io.streammesh.trucks.model.TruckTracker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The marketplace descriptors' value schemas list exactly the fields the services write. */
class DataProductSchemaTest {

    private static List<String> written(Class<?> record) {
        BeanDescription bean = Json.MAPPER.getSerializationConfig().introspect(Json.MAPPER.constructType(record));
        return bean.findProperties().stream().map(BeanPropertyDefinition::getName).toList();
    }

    @Test
    void jobStatusAndTruckTrackerSchemasMatchTheirRecords() {
        var products = DataProducts.load();
        DataProduct jobStatus = products.get(Topics.JOB_STATUS.name());
        DataProduct trucks = products.get(Topics.TRUCK_TRACKER.name());
        assertThat(jobStatus.schemaFields()).containsExactlyInAnyOrderElementsOf(written(JobStatus.class));
        assertThat(trucks.schemaFields()).containsExactlyInAnyOrderElementsOf(written(TruckTracker.class));
    }
}
