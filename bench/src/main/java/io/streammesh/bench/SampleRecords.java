package io.streammesh.bench;

import java.util.Random;

/**
 * Spec-shaped JSON values for the benchmark inputs (about 150-300 bytes each, like the real feeds),
 * written as text directly so the load generator costs little next to the services it measures.
 */
final class SampleRecords {

    static final String[] TRADES = {"Plumbing", "Electrical", "Carpentry", "Painting", "Roofing", "Landscaping", "Tiling", "HVAC"};

    private final Random random;

    SampleRecords(long seed) {
        this.random = new Random(seed);
    }

    static String stationId(int i) {
        return "station-" + i;
    }

    static String regionId(int i) {
        return "region-" + i;
    }

    String region(int r) {
        return "{\"region_id\":\"" + regionId(r) + "\",\"name\":\"Region " + r + "\"}";
    }

    int capacity(int station) {
        return 10 + Math.floorMod(station * 7919, 51);
    }

    double lat(int station) {
        return 40.70 + Math.floorMod(station * 31, 1000) / 10000.0;
    }

    double lon(int station) {
        return -74.00 + Math.floorMod(station * 17, 1000) / 10000.0;
    }

    String stationInfo(int station, int regions) {
        return "{\"station_id\":\"" + stationId(station) + "\",\"name\":\"Station " + station + "\",\"short_name\":\"" + station
                + "\",\"lat\":" + lat(station) + ",\"lon\":" + lon(station) + ",\"region_id\":\"" + regionId(station % regions)
                + "\",\"capacity\":" + capacity(station)
                + ",\"rental_methods\":[\"KEY\",\"CREDITCARD\"],\"is_virtual_station\":false,\"is_charging_station\":false}";
    }

    String stationStatus(int station, long lastReported) {
        int cap = capacity(station);
        int bikes = random.nextInt(cap + 1);
        int disabled = bikes > 0 && random.nextInt(10) == 0 ? 1 : 0;
        return "{\"station_id\":\"" + stationId(station) + "\",\"num_bikes_available\":" + (bikes - disabled)
                + ",\"num_bikes_disabled\":" + disabled + ",\"num_docks_available\":" + (cap - bikes)
                + ",\"num_docks_disabled\":0,\"is_installed\":true,\"is_renting\":true,\"is_returning\":true,\"last_reported\":"
                + lastReported + "}";
    }

    /** A stations.enriched value: info and status of one station merged, region name resolved. */
    String stationEnriched(int station, int regions, long lastReported) {
        int cap = capacity(station);
        int bikes = random.nextInt(cap + 1);
        return "{\"station_id\":\"" + stationId(station) + "\",\"name\":\"Station " + station + "\",\"lat\":" + lat(station)
                + ",\"lon\":" + lon(station) + ",\"region_id\":\"" + regionId(station % regions) + "\",\"region_name\":\"Region "
                + (station % regions) + "\",\"capacity\":" + cap + ",\"num_bikes_available\":" + bikes
                + ",\"num_bikes_disabled\":0,\"num_docks_available\":" + (cap - bikes)
                + ",\"num_docks_disabled\":0,\"is_installed\":true,\"is_renting\":true,\"is_returning\":true,\"last_reported\":"
                + lastReported + "}";
    }

    String customerInfo(int c) {
        return "{\"customer_id\":\"" + c + "\",\"first_name\":\"First" + c + "\",\"last_name\":\"Last" + c
                + "\",\"email\":\"customer" + c + "@example.com\",\"phone_number\":\"+1-555-" + (1000000 + c) + "\"}";
    }

    String customerDemographics(int c) {
        return "{\"customer_id\":\"" + c + "\",\"age\":" + (18 + random.nextInt(60)) + ",\"gender\":\""
                + (random.nextBoolean() ? "female" : "male") + "\",\"income\":" + (20000 + random.nextInt(150000))
                + ",\"education_level\":\"bachelor\",\"marital_status\":\"single\"}";
    }

    String jobCreated(long job, long price) {
        return "{\"job_id\":" + job + ",\"job_start_date\":\"2026-12-01\",\"job_end_date\":\"2026-12-02\",\"price\":" + price
                + ",\"job_status\":\"Yet To Begin\"}";
    }

    String orderPlaced(long job, long priceQuoted) {
        return "{\"job_id\":" + job + ",\"customer_id\":\"customer-" + (job % 5000) + "\",\"service_option\":\""
                + TRADES[(int) (job % TRADES.length)] + "\",\"contractor_id\":\"tradie-" + (job % 700)
                + "\",\"location\":\"" + (job % 900) + " Main Street, Springfield\",\"price_quoted\":" + priceQuoted + "}";
    }

    String jobStatus(long job, long price, long quoted) {
        return "{\"job_id\":" + job + ",\"customer_id\":\"customer-" + (job % 5000) + "\",\"service_option\":\""
                + TRADES[(int) (job % TRADES.length)] + "\",\"price\":" + price + ",\"price_quoted\":" + quoted
                + ",\"current_status\":\"" + (quoted >= price ? "ACCEPTED" : "REJECTED") + "\"}";
    }

    String jobLocation(long job) {
        return "{\"id\":\"" + job + "\",\"customer_name\":\"Customer " + job + "\",\"email\":\"c" + job
                + "@example.com\",\"address\":\"" + job + " Elm Street\",\"dest_lat\":" + (-33.80 - (job % 100) / 1000.0)
                + ",\"dest_long\":" + (151.10 + (job % 100) / 1000.0) + ",\"reporting_time\":1700000000000}";
    }

    String truckPosition(long job, int step) {
        double lat = -33.70 - (job % 100) / 1000.0 - step * 0.0001;
        double lon = 151.00 + (job % 100) / 1000.0 + step * 0.0001;
        return "{\"job_id\":\"" + job + "\",\"state\":\"EN_ROUTE\",\"lat\":" + lat + ",\"long\":" + lon + "}";
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
