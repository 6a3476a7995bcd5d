package io.streammesh.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    record TruckPosition(String jobId, String state, Double lat, @JsonProperty("long") Double lon, Long priceQuoted) {
    }

    record WithRequired(@Required String jobId, String state) {
    }

    record Flattened(@com.fasterxml.jackson.annotation.JsonUnwrapped WithRequired inner, String more) {
    }

    private final JsonSerde<TruckPosition> serde = JsonSerde.of(TruckPosition.class);

    private TruckPosition read(String json) {
        return serde.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsFieldNamesInAnyCase() {
        TruckPosition upper = read("{\"JOB_ID\":\"7\",\"STATE\":\"EN_ROUTE\",\"LAT\":1.5,\"LONG\":2.5,\"PRICE_QUOTED\":100}");
        TruckPosition lower = read("{\"job_id\":\"7\",\"state\":\"EN_ROUTE\",\"lat\":1.5,\"long\":2.5,\"price_quoted\":100}");
        TruckPosition mixed = read("{\"Job_Id\":\"7\",\"State\":\"EN_ROUTE\",\"Lat\":1.5,\"Long\":2.5,\"Price_Quoted\":100}");

        TruckPosition expected = new TruckPosition("7", "EN_ROUTE", 1.5, 2.5, 100L);
        assertThat(upper).isEqualTo(expected);
        assertThat(lower).isEqualTo(expected);
        assertThat(mixed).isEqualTo(expected);
    }

    @Test
    void ignoresUnknownFieldsAndCoercesNumericStrings() {
        assertThat(read("{\"job_id\":7,\"ROWTIME\":1,\"price_quoted\":\"120\"}"))
                .isEqualTo(new TruckPosition("7", null, null, null, 120L));
    }

    @Test
    void writesSnakeCase() {
        byte[] bytes = serde.serializer().serialize("t", new TruckPosition("7", "ARRIVED", 1.0, 2.0, 5L));
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"job_id\":\"7\",\"state\":\"ARRIVED\",\"lat\":1.0,\"long\":2.0,\"price_quoted\":5}");
    }

    @Test
    void nullAndEmptyPayloadsAreTombstones() {
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", new byte[0])).isNull();
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void malformedJsonThrowsASerializationExceptionNamingTypeAndTopic() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("trucks", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TruckPosition")
                .hasMessageContaining("trucks");
    }

    @Test
    void aMissingRequiredFieldIsTheReason() {
        JsonSerde<WithRequired> required = JsonSerde.of(WithRequired.class);
        for (String json : new String[] {"{\"other\":1}", "{\"job_id\":null}", "{\"JOB_ID\":\"  \"}"}) {
            assertThatThrownBy(() -> required.deserializer().deserialize("jobs", json.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(SerializationException.class)
                    .hasMessage("Invalid WithRequired on topic jobs: job_id is missing");
        }
        assertThat(required.deserializer().deserialize("jobs", "{\"Job_Id\":\"7\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new WithRequired("7", null));
    }

    @Test
    void requiredFieldsOfAFlattenedRecordAreCheckedToo() {
        JsonSerde<Flattened> flattened = JsonSerde.of(Flattened.class);
        assertThatThrownBy(() -> flattened.deserializer().deserialize("t", "{\"more\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("job_id is missing");
        assertThat(flattened.deserializer().deserialize("t", "{\"job_id\":\"1\",\"state\":\"s\",\"more\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(new Flattened(new WithRequired("1", "s"), "x"));
    }

    @Test
    void aCoordinateOffTheEarthIsTheReason() {
        JsonSerde<io.streammesh.contracts.marketplace.TruckLocation> trucks = JsonSerde.of(io.streammesh.contracts.marketplace.TruckLocation.class);
        String[][] cases = {
                {"{\"job_id\":\"j\",\"lat\":1000,\"long\":0}", "lat 1000.0 is not a latitude (degrees from -90 to 90)"},
                {"{\"job_id\":\"j\",\"lat\":-90.5,\"long\":0}", "lat -90.5 is not a latitude (degrees from -90 to 90)"},
                {"{\"job_id\":\"j\",\"lat\":0,\"long\":180.01}", "long 180.01 is not a longitude (degrees from -180 to 180)"},
                {"{\"job_id\":\"j\",\"lat\":1e400,\"long\":0}", "lat Infinity is not a latitude (degrees from -90 to 90)"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> trucks.deserializer().deserialize("tradie_truck_location", c[0].getBytes(StandardCharsets.UTF_8)))
                    .as(c[0]).isInstanceOf(SerializationException.class).hasMessageEndingWith(c[1]);
        }
        // the edges are places
        assertThat(trucks.deserializer().deserialize("tradie_truck_location",
                "{\"job_id\":\"j\",\"lat\":-90,\"long\":180}".getBytes(StandardCharsets.UTF_8)).lat()).isEqualTo(-90.0);
        // an absent optional coordinate (a station without lat) is left to the rules
        JsonSerde<io.streammesh.contracts.bikeshare.StationInfo> stations = JsonSerde.of(io.streammesh.contracts.bikeshare.StationInfo.class);
        assertThat(stations.deserializer().deserialize("stations.info", "{\"station_id\":\"s\"}".getBytes(StandardCharsets.UTF_8)).lat()).isNull();
        assertThatThrownBy(() -> stations.deserializer().deserialize("stations.info",
                "{\"station_id\":\"s\",\"lat\":40,\"lon\":-740}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageEndingWith("lon -740.0 is not a longitude (degrees from -180 to 180)");
    }
}
