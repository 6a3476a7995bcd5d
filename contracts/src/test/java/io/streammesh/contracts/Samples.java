package io.streammesh.contracts;

import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import io.streammesh.contracts.bikeshare.CustomerEnriched;
import io.streammesh.contracts.bikeshare.CustomerInfo;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.VehicleDocksCount;
import io.streammesh.contracts.bikeshare.VehicleTypeCount;
import io.streammesh.contracts.marketplace.JobCreated;
import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.contracts.marketplace.OrderPlaced;
import io.streammesh.contracts.marketplace.QuoteDecision;
import io.streammesh.contracts.marketplace.TruckLocation;
import io.streammesh.contracts.marketplace.TruckTracker;
import java.util.List;

/** One value of every topic with every field set, and the key it belongs under. */
final class Samples {

    record Sample<V>(Topic<V> topic, V value, String key) {
    }

    static final StationInfo INFO = Json.read("""
            {"station_id": "s1", "name": "Main St", "short_name": "MS", "lat": 40.7, "lon": -74.0, "address": "1 Main St",
             "cross_street": "2nd Ave", "region_id": "r1", "post_code": "10001", "rental_methods": ["KEY", "CREDITCARD"],
             "is_virtual_station": false, "station_area": {"type": "MultiPolygon"}, "parking_type": "street", "parking_hoop": true,
             "contact_phone": "+1 555", "capacity": 20, "vehicle_capacity": {"bike": 20}, "is_valet_station": false,
             "is_charging_station": true, "rental_uris": {"android": "a://", "ios": "i://", "web": "https://"},
             "vehicle_type_capacity": {"bike": 20}}""", StationInfo.class);
    static final StationStatus STATUS = new StationStatus("s1", 7, List.of(new VehicleTypeCount("bike", 7)), 1, 11, 1, true,
            true, true, 1_700_000_000L, List.of(new VehicleDocksCount(List.of("bike"), 11)));
    static final StationInfoLatest LATEST = new StationInfoLatest(INFO, "Downtown");
    static final CustomerInfo CUSTOMER = new CustomerInfo("c1", "Ada", "Lovelace", "ada@example.com", "555");
    static final CustomerDemographics DEMOGRAPHICS = new CustomerDemographics("c1", 36, "F", 90_000L, "Masters", "Married");
    static final AvailableStation AVAILABLE = new AvailableStation("s1", "Main St", "Downtown", 40.7, -74.0, 20, 16, 4);

    static List<Sample<?>> all() {
        return List.of(
                new Sample<>(Topics.STATIONS_INFO, INFO, "s1"),
                new Sample<>(Topics.STATIONS_STATUS, STATUS, "s1"),
                new Sample<>(Topics.SYSTEM_REGIONS, new Region("r1", "Downtown"), "r1"),
                new Sample<>(Topics.CUSTOMERS_INFO, CUSTOMER, "c1"),
                new Sample<>(Topics.CUSTOMERS_DEMOGRAPHICS, DEMOGRAPHICS, "c1"),
                new Sample<>(Topics.STATIONS_INFO_LATEST, LATEST, "s1"),
                new Sample<>(Topics.STATIONS_ENRICHED, new StationEnriched(LATEST, STATUS), "s1"),
                new Sample<>(Topics.CUSTOMERS_ENRICHED, new CustomerEnriched(CUSTOMER, DEMOGRAPHICS), "c1"),
                new Sample<>(Topics.INVENTORY_AVAILABILITY_HIGH, new HighAvailability(AVAILABLE, 6, 0.8), "s1"),
                new Sample<>(Topics.INVENTORY_AVAILABILITY_LOW, new LowAvailability(AVAILABLE, 2, 0.1), "s1"),
                new Sample<>(Topics.INVENTORY_REDISTRIBUTION,
                        new RedistributionPair("s1", "s2", "Downtown", "Main St", "Side St", 6, 4, 4, 0.52), "s1-s2"),
                new Sample<>(Topics.ORDER_PLACED, new OrderPlaced(42L, "c1", "plumbing", "t1", "NYC", 120L), "42"),
                new Sample<>(Topics.JOB_CREATED, new JobCreated(42L, "2026-01-01", "2026-01-02", 100L, JobCreated.YET_TO_BEGIN), "42"),
                new Sample<>(Topics.JOB_STATUS, new JobStatus(42L, "c1", "plumbing", 100L, 120L, QuoteDecision.ACCEPTED), "42"),
                new Sample<>(Topics.JOBLOCATION, new JobLocation("42", "Ada", "ada@example.com", "1 Main St", 40.7, -74.0,
                        1_700_000_000_000L), "42"),
                new Sample<>(Topics.TRADIE_TRUCK_LOCATION, new TruckLocation("42", TruckLocation.EN_ROUTE, 40.6, -74.1, "t1"), "t1"),
                new Sample<>(Topics.TRUCK_TRACKER, new TruckTracker("42", "t1", TruckLocation.EN_ROUTE, 40.6, -74.1, 40.7, -74.0,
                        13.9, 4.0, 1_700_000_000_000L), "42"));
    }

    private Samples() {
    }
}
