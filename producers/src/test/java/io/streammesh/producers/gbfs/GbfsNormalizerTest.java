package io.streammesh.producers.gbfs;

import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.VehicleTypeCount;
import io.streammesh.contracts.bikeshare.VehicleDocksCount;
import io.streammesh.contracts.bikeshare.Region;
import static io.streammesh.producers.gbfs.GbfsFixtureServer.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammesh.contracts.Json;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec's normalisation of GBFS 2.x and 3.x to the 2.3 names, on the MobilityData fixtures. */
class GbfsNormalizerTest {

    static final Instant NOW = Instant.parse("2025-07-02T06:30:00Z");

    final GbfsNormalizer en = new GbfsNormalizer("en");

    @Test
    void discovery2xListsFeedsPerLanguage() {
        GbfsNormalizer.Discovery d = en.discovery(Json.tree(resource("/gbfs/v2.3/gbfs.json")), URI.create("https://test.com/gbfs.json"));
        assertThat(d.version()).isEqualTo("2.3");
        assertThat(d.ttl()).hasValue(300);
        assertThat(d.language()).isEqualTo("en");
        assertThat(d.feeds()).containsEntry("station_information", URI.create("https://test.com/station_information"))
                .containsEntry("station_status", URI.create("https://test.com/station_status"))
                .containsEntry("system_regions", URI.create("https://test.com/system_regions"));
    }

    @Test
    void discovery3xListsFeedsOnceAndRelativeUrlsResolveAgainstTheDiscoveryFile() {
        GbfsNormalizer.Discovery d = en.discovery(Json.tree(resource("/gbfs/v3.0/gbfs.json")), URI.create("https://x.example/gbfs.json"));
        assertThat(d.version()).isEqualTo("3.0");
        assertThat(d.ttl()).hasValue(60);
        assertThat(d.feeds()).containsKeys("station_information", "station_status").doesNotContainKey("system_regions");

        GbfsNormalizer.Discovery relative = en.discovery(Json.tree(
                "{\"ttl\":0,\"version\":\"3.0\",\"data\":{\"feeds\":[{\"name\":\"station_status\",\"url\":\"status.json\"}]}}"),
                URI.create("https://x.example/gbfs/3.0/gbfs.json"));
        assertThat(relative.feeds()).containsEntry("station_status", URI.create("https://x.example/gbfs/3.0/status.json"));
    }

    @Test
    void discoveryPicksTheRequestedLanguageElseEnglishElseTheFirst() {
        String doc = "{\"data\":{\"fr\":{\"feeds\":[{\"name\":\"station_status\",\"url\":\"https://x/fr/ss\"}]},"
                + "\"de\":{\"feeds\":[{\"name\":\"station_status\",\"url\":\"https://x/de/ss\"}]}}}";
        assertThat(new GbfsNormalizer("de").discovery(Json.tree(doc), URI.create("https://x/")).feeds().get("station_status"))
                .isEqualTo(URI.create("https://x/de/ss"));
        assertThat(new GbfsNormalizer("nl").discovery(Json.tree(doc), URI.create("https://x/")).language()).isEqualTo("fr");
    }

    @Test
    void stationInformation23KeepsItsFields() {
        List<StationInfo> stations = en.stationInformation(Json.tree(resource("/gbfs/v2.3/station_information.json")), null).records();
        assertThat(stations).hasSize(2);
        StationInfo first = stations.get(0);
        assertThat(first.stationId()).isEqualTo("TST:Station:1");
        assertThat(first.name()).isEqualTo("Cool bikes");
        assertThat(first.lat()).isEqualTo(12.34);
        assertThat(first.lon()).isEqualTo(45.67);
        assertThat(first.vehicleTypeCapacity()).containsExactly(Map.entry("TST:VehicleType:CityBike", 7));
        assertThat(Json.write(first)).isEqualTo("{\"station_id\":\"TST:Station:1\",\"name\":\"Cool bikes\",\"lat\":12.34,"
                + "\"lon\":45.67,\"vehicle_type_capacity\":{\"TST:VehicleType:CityBike\":7}}");
    }

    @Test
    void stationStatus23KeepsItsFields() {
        List<StationStatus> statuses = en.stationStatus(Json.tree(resource("/gbfs/v2.3/station_status.json")), null, NOW).records();
        assertThat(statuses).hasSize(2);
        StationStatus s = statuses.get(1);
        assertThat(s.stationId()).isEqualTo("TST:Station:2");
        assertThat(s.numBikesAvailable()).isEqualTo(6);
        assertThat(s.numDocksAvailable()).isEqualTo(8);
        assertThat(s.isInstalled()).isTrue();
        assertThat(s.lastReported()).isEqualTo(1751437263L);
        assertThat(s.vehicleTypesAvailable()).containsExactly(new VehicleTypeCount("TST:VehicleType:Scooter", 2),
                new VehicleTypeCount("TST:VehicleType:CityBike", 4));
        assertThat(s.vehicleDocksAvailable()).containsExactly(new VehicleDocksCount(List.of("TST:VehicleType:Scooter"), 6),
                new VehicleDocksCount(List.of("TST:VehicleType:CityBike"), 2));
    }

    @Test
    void regions23() {
        assertThat(en.regions(Json.tree(resource("/gbfs/v2.3/system_regions.json"))).records())
                .containsExactly(new Region("TST:Region:Sahara", "Sahara"));
    }

    @Test
    void stationInformation30HasLocalisedNamesAndKeepsStationAreas() {
        List<StationInfo> stations = en.stationInformation(Json.tree(resource("/gbfs/v3.0/station_information.json")), null).records();
        assertThat(stations).hasSize(23);
        assertThat(stations.get(0).name()).isEqualTo("2 ROUES");
        assertThat(stations.get(0).isVirtualStation()).isTrue();
        assertThat(stations.get(0).stationArea().get("type").asText()).isEqualTo("MultiPolygon");
        StationInfo withCapacity = stations.stream().filter(s -> s.stationId().equals("dba20483-5fdb-42ba-9955-d883df3195ee"))
                .findFirst().orElseThrow();
        assertThat(withCapacity.name()).isEqualTo("73 rue de Lourmel 75015 Fantasmo");
        assertThat(withCapacity.capacity()).isEqualTo(10);
        assertThat(Json.tree(Json.write(withCapacity)).has("vehicle_type_area_capacity")).as("3.1 fields outside the spec are left out").isFalse();
    }

    @Test
    void stationStatus30IsRenamedAndItsRfc3339TimesBecomeEpochSeconds() {
        List<StationStatus> statuses = en.stationStatus(Json.tree(resource("/gbfs/v3.0/station_status.json")), null, NOW).records();
        assertThat(statuses).hasSize(1);
        StationStatus s = statuses.get(0);
        assertThat(s.numBikesAvailable()).isZero();
        assertThat(s.lastReported()).isEqualTo(1562247183L); // 2019-07-04T13:33:03.969Z
        assertThat(Json.tree(Json.write(s)).has("num_vehicles_available")).isFalse();
        assertThat(Json.tree(Json.write(s)).get("num_bikes_available").asInt()).isZero();
    }

    @Test
    void regions30HaveLocalisedNames() {
        assertThat(en.regions(Json.tree(resource("/gbfs/v3.0/system_regions.json"))).records())
                .containsExactly(new Region("YVO:Region:5", "Gothenburg"));
    }

    @Test
    void localisedTextIsTheRequestedLanguageElseTheFirst() {
        String doc = "{\"data\":{\"regions\":[{\"region_id\":\"1\",\"name\":[{\"text\":\"Centre\",\"language\":\"fr\"},"
                + "{\"text\":\"Centrum\",\"language\":\"nl\"}]}]}}";
        assertThat(new GbfsNormalizer("nl").regions(Json.tree(doc)).records().get(0).name()).isEqualTo("Centrum");
        assertThat(new GbfsNormalizer("en").regions(Json.tree(doc)).records().get(0).name()).isEqualTo("Centre");
    }

    @Test
    void version3CapacityListsBecomeThe2xMapsAndVersion1BooleansBecomeBooleans() {
        String info = """
                {"data":{"stations":[{"station_id":"s","name":[{"text":"S","language":"en"}],"lat":1,"lon":2,
                  "rental_methods":["key","creditcard"],
                  "vehicle_types_capacity":[{"vehicle_type_ids":["scooter"],"count":4}],
                  "vehicle_docks_capacity":[{"vehicle_type_ids":["bike","ebike"],"count":12}]}]}}""";
        StationInfo s = en.stationInformation(Json.tree(info), null).records().get(0);
        assertThat(s.vehicleCapacity()).containsExactly(Map.entry("scooter", 4));
        assertThat(s.vehicleTypeCapacity()).containsOnly(Map.entry("bike", 12), Map.entry("ebike", 12));
        assertThat(s.rentalMethods()).containsExactly("KEY", "CREDITCARD");

        String status = """
                {"data":{"stations":[{"station_id":7,"num_bikes_available":3,"num_docks_available":9,
                  "is_installed":1,"is_renting":0,"is_returning":1,"last_reported":"1751437263"}]}}""";
        StationStatus st = en.stationStatus(Json.tree(status), null, NOW).records().get(0);
        assertThat(st.stationId()).isEqualTo("7");
        assertThat(st.isInstalled()).isTrue();
        assertThat(st.isRenting()).isFalse();
        assertThat(st.lastReported()).isEqualTo(1751437263L);
    }

    @Test
    void entriesWithoutAnIdAreSkippedAndDocumentsWithoutDataAreRejected() {
        assertThat(en.stationStatus(Json.tree("{\"data\":{\"stations\":[{\"num_bikes_available\":1},{\"station_id\":\"a\"}]}}"), null, NOW).records())
                .extracting(StationStatus::stationId).containsExactly("a");
        assertThatThrownBy(() -> en.stationStatus(Json.tree("{\"last_updated\":1}"), null, NOW).records()).isInstanceOf(GbfsFormatException.class)
                .hasMessageContaining("data");
        assertThatThrownBy(() -> en.stationInformation(Json.tree("{\"data\":{\"stations\":{}}}"), null).records()).isInstanceOf(GbfsFormatException.class)
                .hasMessageContaining("not a list");
        assertThatThrownBy(() -> en.discovery(Json.tree("[]"), URI.create("https://x/"))).isInstanceOf(GbfsFormatException.class);
    }

    @Test
    void anIdListedTwiceIsPublishedOnceWithItsLastEntryAndCounted() {
        GbfsNormalizer.Read<StationStatus> read = en.stationStatus(Json.tree("""
                {"data":{"stations":[{"station_id":"a","num_bikes_available":1},{"station_id":"b","num_bikes_available":2},
                  {"station_id":"a","num_bikes_available":3},{"station_id":"a","num_bikes_available":4}]}}"""), "2.3", NOW);
        assertThat(read.records()).extracting(StationStatus::stationId, StationStatus::numBikesAvailable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 4), org.assertj.core.groups.Tuple.tuple("b", 2));
        assertThat(read.duplicates()).isEqualTo(2);
        assertThat(read.duplicateIds()).containsExactly("a");

        GbfsNormalizer.Read<StationInfo> info = en.stationInformation(Json.tree("""
                {"data":{"stations":[{"station_id":"x","name":"old"},{"station_id":"x","name":"new"}]}}"""), "2.3");
        assertThat(info.records()).extracting(StationInfo::name).containsExactly("new");
        assertThat(info.duplicates()).isOne();
        assertThat(en.regions(Json.tree("{\"data\":{\"regions\":[{\"region_id\":\"r\"},{\"region_id\":\"r\"}]}}")).duplicates())
                .isOne();
    }

    @Test
    void aFileWithTheOtherMajorVersionsNamesIsReadEitherWayAndCounted() {
        // declared 3.0, written with 2.3 names, one entry with both: the 3.x name wins there
        GbfsNormalizer.Read<StationStatus> v3 = en.stationStatus(Json.tree("""
                {"version":"3.0","data":{"stations":[
                  {"station_id":"a","num_bikes_available":5,"num_bikes_disabled":1,"num_docks_available":3},
                  {"station_id":"b","num_vehicles_available":7,"num_docks_available":1},
                  {"station_id":"c","num_bikes_available":1,"num_vehicles_available":2}]}}"""), null, NOW);
        assertThat(v3.records()).extracting(StationStatus::numBikesAvailable).containsExactly(5, 7, 2);
        assertThat(v3.records().get(0).numBikesDisabled()).isOne();
        assertThat(v3.otherVersionNames()).isEqualTo(2);

        // the file says nothing: the system's version decides which names are the other version's
        GbfsNormalizer.Read<StationStatus> v2 = en.stationStatus(Json.tree("""
                {"data":{"stations":[{"station_id":"a","num_vehicles_available":4,"num_vehicles_disabled":2}]}}"""), "2.3", NOW);
        assertThat(v2.records().get(0).numBikesAvailable()).isEqualTo(4);
        assertThat(v2.records().get(0).numBikesDisabled()).isEqualTo(2);
        assertThat(v2.otherVersionNames()).isOne();

        GbfsNormalizer.Read<StationInfo> info = en.stationInformation(Json.tree("""
                {"version":"3.1","data":{"stations":[{"station_id":"a","vehicle_type_capacity":{"bike":9}},
                  {"station_id":"b","vehicle_docks_capacity":[{"vehicle_type_ids":["bike"],"count":4}]}]}}"""), "2.3");
        assertThat(info.records()).extracting(StationInfo::vehicleTypeCapacity).containsExactly(Map.of("bike", 9), Map.of("bike", 4));
        assertThat(info.otherVersionNames()).isOne();
        assertThat(en.stationStatus(Json.tree(resource("/gbfs/v3.0/station_status.json")), null, NOW).otherVersionNames()).isZero();
        assertThat(en.stationStatus(Json.tree(resource("/gbfs/v2.3/station_status.json")), null, NOW).otherVersionNames()).isZero();
    }

    @Test
    void lastReportedBefore2000OrOverADayAheadIsNullAndCounted() {
        long now = NOW.getEpochSecond();
        GbfsNormalizer.Read<StationStatus> read = en.stationStatus(Json.tree("""
                {"version":"2.3","data":{"stations":[
                  {"station_id":"never","last_reported":-1},
                  {"station_id":"zero","last_reported":0},
                  {"station_id":"nextYear","last_reported":%d},
                  {"station_id":"millis","last_reported":%d},
                  {"station_id":"hourAhead","last_reported":%d},
                  {"station_id":"y2k","last_reported":946684800},
                  {"station_id":"rfc3339","last_reported":"1999-12-31T23:59:59Z"},
                  {"station_id":"absent"}]}}""".formatted(now + 365 * 86_400L, now * 1000, now + 3600)), null, NOW);
        Map<String, Long> lastReported = new java.util.HashMap<>();
        read.records().forEach(r -> lastReported.put(r.stationId(), r.lastReported()));
        assertThat(lastReported).containsEntry("never", null).containsEntry("zero", null).containsEntry("nextYear", null)
                .containsEntry("millis", null).containsEntry("rfc3339", null).containsEntry("absent", null)
                .containsEntry("hourAhead", now + 3600).containsEntry("y2k", 946684800L);
        assertThat(read.implausible()).as("absent is not implausible").isEqualTo(5);
    }
}
