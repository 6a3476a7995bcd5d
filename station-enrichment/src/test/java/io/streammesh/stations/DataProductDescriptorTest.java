package io.streammesh.stations;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.VehicleDocksCount;
import io.streammesh.contracts.bikeshare.VehicleTypeCount;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The descriptors of this module's data products list exactly the fields its records write, in order. */
class DataProductDescriptorTest {

    static final StationInfo INFO = Json.read("""
            {"station_id": "S1", "name": "n", "short_name": "sn", "lat": 1.0, "lon": 2.0, "address": "a", "cross_street": "c",
             "region_id": "R1", "post_code": "p", "rental_methods": ["KEY"], "is_virtual_station": false,
             "station_area": {"type": "MultiPolygon", "coordinates": []}, "parking_type": "street_parking", "parking_hoop": false,
             "contact_phone": "+1", "capacity": 10, "vehicle_capacity": {"e": 1}, "is_valet_station": false,
             "is_charging_station": true, "rental_uris": {"android": "a", "ios": "i", "web": "w"},
             "vehicle_type_capacity": {"c": 10}}""", StationInfo.class);
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
