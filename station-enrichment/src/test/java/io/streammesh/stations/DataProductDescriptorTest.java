package io.streammesh.stations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.RentalUris;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.VehicleDocksCount;
import io.streammesh.contracts.bikeshare.VehicleTypeCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The descriptors of this module's data products list exactly the fields its records write, in order. */
class DataProductDescriptorTest {

    static final StationInfo INFO = new StationInfo("S1", "n", "sn", 1.0, 2.0, "a", "c", "R1", "p", List.of("KEY"), false,
            Json.tree("{\"type\":\"MultiPolygon\",\"coordinates\":[]}"), "street_parking", false, "+1", 10, Map.of("e", 1), false,
            true, new RentalUris("a", "i", "w"), Map.of("c", 10));
    static final StationStatus STATUS = new StationStatus("S1", 1, List.of(new VehicleTypeCount("c", 1)), 0, 9, 0, true, true,
            true, 1L, List.of(new VehicleDocksCount(List.of("c"), 9)));

    static List<String> fieldsOf(Object value) {
        List<String> fields = new ArrayList<>();
        Json.tree(Json.write(value)).fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    @Test
    void infoLatestDescriptorHasTheFieldsOfTheRow() {
        DataProduct product = DataProducts.find(Topics.STATIONS_INFO_LATEST.name()).orElseThrow();
        StationInfoLatest row = StationEnricher.latest(INFO, new Region("R1", "Downtown"));
        assertThat(product.schemaFields()).containsExactlyElementsOf(fieldsOf(row));
        assertThat(product.descriptor().get("produced_by").asText()).isEqualTo(StationEnrichmentTopology.NAME);
    }

    @Test
    void enrichedDescriptorHasTheFieldsOfTheEnrichedRecord() {
        DataProduct product = DataProducts.find(Topics.STATIONS_ENRICHED.name()).orElseThrow();
        StationEnriched enriched = StationEnricher.enrich(StationEnricher.latest(INFO, new Region("R1", "Downtown")), STATUS);
        assertThat(product.schemaFields()).containsExactlyElementsOf(fieldsOf(enriched));
        assertThat(product.descriptor().get("produced_by").asText()).isEqualTo(StationEnrichmentTopology.NAME);
    }
}
