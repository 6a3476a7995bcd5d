package io.streammesh.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs the services should have written, computed from the records the generators sent (as
 * JSON) with the rules of docs/data-products.md restated here, never with the services' code: a
 * bug shared by a service and its expectation would otherwise pass.
 */
final class Expected {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Feeds.Sent> sent;

    Expected(List<Feeds.Sent> sent) {
        this.sent = sent;
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** A field as comparable text: numbers without trailing zeros (40.0 and 40 are one value), null as "null". */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isNumber()) {
            return v.decimalValue().stripTrailingZeros().toPlainString();
        }
        return v.asText();
    }

    static String fingerprint(JsonNode node, String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            b.append(f).append('=').append(text(node, f)).append(';');
        }
        return b.toString();
    }

    private List<JsonNode> values(String topic) {
        List<JsonNode> result = new ArrayList<>();
        for (Feeds.Sent s : sent) {
            if (s.topic().equals(topic) && s.value() != null) {
                result.add(tree(s.value()));
            }
        }
        return result;
    }

    private Map<String, JsonNode> latest(String topic, String keyField) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        values(topic).forEach(v -> latest.put(v.get(keyField).asText(), v));
        return latest;
    }

    // ---------------------------------------------------------------- station-enrichment

    static final String[] INFO_LATEST = {"station_id", "name", "region_id", "region_name", "capacity", "lat", "lon"};
    static final String[] ENRICHED = {"station_id", "name", "region_name", "capacity", "lat", "lon", "num_bikes_available",
        "num_docks_available", "num_bikes_disabled", "num_docks_disabled", "is_installed", "last_reported"};

    /** stations.info.latest: the latest info per station with the name of its region's latest record. */
    Map<String, String> stationsInfoLatest() {
        Map<String, JsonNode> regions = latest("system.regions", "region_id");
        Map<String, String> table = new LinkedHashMap<>();
        latest("stations.info", "station_id").forEach((id, info) -> {
            JsonNode region = info.hasNonNull("region_id") ? regions.get(info.get("region_id").asText()) : null;
            com.fasterxml.jackson.databind.node.ObjectNode row = info.deepCopy();
            row.put("region_name", region == null || !region.hasNonNull("name") ? null : region.get("name").asText());
            table.put(id, fingerprint(row, INFO_LATEST));
        });
        return table;
    }

    /** stations.enriched: every status of a known station, with the station's info and region name. */
    List<String> stationsEnriched() {
        Map<String, JsonNode> regions = latest("system.regions", "region_id");
        Map<String, JsonNode> infos = latest("stations.info", "station_id");
        List<String> result = new ArrayList<>();
        for (JsonNode status : values("stations.status")) {
            JsonNode info = infos.get(status.get("station_id").asText());
            if (info == null) {
                continue; // unknown station: not emitted
            }
            result.add(fingerprint(enrich(info, status, regions), ENRICHED));
        }
        return result;
    }

    private static JsonNode enrich(JsonNode info, JsonNode status, Map<String, JsonNode> regions) {
        com.fasterxml.jackson.databind.node.ObjectNode row = info.deepCopy();
        JsonNode region = info.hasNonNull("region_id") ? regions.get(info.get("region_id").asText()) : null;
        row.put("region_name", region == null || !region.hasNonNull("name") ? null : region.get("name").asText());
        status.fields().forEachRemaining(f -> row.set(f.getKey(), f.getValue()));
        return row;
    }

    // ---------------------------------------------------------------- customer-enrichment

    static final String[] CUSTOMER = {"customer_id", "first_name", "last_name", "email", "phone_number", "age", "gender", "income",
        "education_level", "marital_status"};

    Map<String, String> customersEnriched() {
        Map<String, JsonNode> infos = latest("customers.info", "customer_id");
        Map<String, JsonNode> demographics = latest("customers.demographics", "customer_id");
        Map<String, String> table = new LinkedHashMap<>();
        infos.forEach((id, info) -> {
            JsonNode demo = demographics.get(id);
            if (demo != null) {
                com.fasterxml.jackson.databind.node.ObjectNode row = info.deepCopy();
                demo.fields().forEachRemaining(f -> row.set(f.getKey(), f.getValue()));
                table.put(id, fingerprint(row, CUSTOMER));
            }
        });
        return table;
    }

    // ---------------------------------------------------------------- inventory-redistribution

    static final String[] HIGH = {"station_id", "region_name", "capacity", "num_bikes_available", "num_docks_available", "surplus",
        "percent_available"};
    static final String[] LOW = {"station_id", "region_name", "capacity", "num_bikes_available", "num_docks_available", "shortage",
        "percent_available"};
    static final String[] PAIR = {"source_station_id", "dest_station_id", "region_name", "source_surplus", "dest_shortage",
        "redistribution", "distance"};

    record Inventory(Map<String, String> high, Map<String, String> low, Map<String, String> pairs) {
    }

    /** A brute force over the final state of every station: its latest enriched record. */
    Inventory inventory() {
        Map<String, JsonNode> regions = latest("system.regions", "region_id");
        Map<String, JsonNode> infos = latest("stations.info", "station_id");
        Map<String, JsonNode> finalState = new LinkedHashMap<>();
        for (JsonNode status : values("stations.status")) {
            JsonNode info = infos.get(status.get("station_id").asText());
            if (info != null) {
                finalState.put(status.get("station_id").asText(), enrich(info, status, regions));
            }
        }
        Map<String, JsonNode> high = new LinkedHashMap<>();
        Map<String, JsonNode> low = new LinkedHashMap<>();
        Map<String, String> highRows = new LinkedHashMap<>();
        Map<String, String> lowRows = new LinkedHashMap<>();
        for (JsonNode s : finalState.values()) {
            int cap = s.path("capacity").asInt(0);
            if (cap <= 0 || (s.has("is_installed") && s.get("is_installed").isBoolean() && !s.get("is_installed").asBoolean())) {
                continue;
            }
            int bikes = s.get("num_bikes_available").asInt();
            int docks = s.get("num_docks_available").asInt();
            String id = s.get("station_id").asText();
            BigDecimal percent = BigDecimal.valueOf((double) bikes / cap).setScale(2, RoundingMode.HALF_UP);
            if (bikes >= Math.round(cap * 0.75)) {
                com.fasterxml.jackson.databind.node.ObjectNode row = s.deepCopy();
                row.put("surplus", bikes - Math.floorDiv(cap, 2));
                row.put("percent_available", percent);
                high.put(id, row);
                highRows.put(id, fingerprint(row, HIGH));
            }
            if (bikes <= Math.round(cap * 0.25) && docks >= Math.floorDiv(cap, 2) - bikes) {
                com.fasterxml.jackson.databind.node.ObjectNode row = s.deepCopy();
                row.put("shortage", Math.floorDiv(cap, 2) - bikes);
                row.put("percent_available", percent);
                low.put(id, row);
                lowRows.put(id, fingerprint(row, LOW));
            }
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (JsonNode src : high.values()) {
            for (JsonNode dst : low.values()) {
                String region = src.path("region_name").isTextual() ? src.get("region_name").asText() : null;
                if (region == null || !dst.path("region_name").isTextual() || !region.equals(dst.get("region_name").asText())) {
                    continue;
                }
                int shortage = dst.get("shortage").asInt();
                int surplus = src.get("surplus").asInt();
                if (shortage <= 0 || surplus < shortage) {
                    continue;
                }
                com.fasterxml.jackson.databind.node.ObjectNode row = JSON.createObjectNode();
                row.put("source_station_id", src.get("station_id").asText());
                row.put("dest_station_id", dst.get("station_id").asText());
                row.put("region_name", region);
                row.put("source_surplus", surplus);
                row.put("dest_shortage", shortage);
                row.put("redistribution", shortage);
                row.put("distance", round2(haversine(src.get("lat").asDouble(), src.get("lon").asDouble(),
                        dst.get("lat").asDouble(), dst.get("lon").asDouble(), 3959)));
                pairs.put(src.get("station_id").asText() + "-" + dst.get("station_id").asText(), fingerprint(row, PAIR));
            }
        }
        return new Inventory(highRows, lowRows, pairs);
    }

    static double haversine(double lat1, double lon1, double lat2, double lon2, double radius) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * radius * Math.asin(Math.sqrt(a));
    }

    /** ROUND(x, 2) of the contract: the decimal representation, ties away from zero for x >= 0. */
    static BigDecimal round2(double x) {
        return BigDecimal.valueOf(x).setScale(2, x >= 0 ? RoundingMode.HALF_UP : RoundingMode.HALF_DOWN);
    }

    // ---------------------------------------------------------------- marketplace-jobs and mongo-sink

    static final String[] JOB_STATUS = {"job_id", "customer_id", "service_option", "price", "price_quoted", "current_status"};

    /** job_status: one record per job that has both an order and a job, ACCEPTED when the quote covers the price. */
    Map<String, String> jobStatuses() {
        Map<String, JsonNode> jobs = latest("job_created", "job_id");
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode order : values("order_placed")) {
            JsonNode job = jobs.get(order.get("job_id").asText());
            if (job == null) {
                continue;
            }
            com.fasterxml.jackson.databind.node.ObjectNode row = JSON.createObjectNode();
            row.set("job_id", order.get("job_id"));
            row.set("customer_id", order.get("customer_id"));
            row.set("service_option", order.get("service_option"));
            row.set("price", job.get("price"));
            row.set("price_quoted", order.get("price_quoted"));
            row.put("current_status", order.get("price_quoted").asLong() >= job.get("price").asLong() ? "ACCEPTED" : "REJECTED");
            result.put(order.get("job_id").asText(), fingerprint(row, JOB_STATUS));
        }
        return result;
    }

    // ---------------------------------------------------------------- truck-tracker

    static final String[] TRACKER = {"job_id", "vehicle_id", "state", "lat", "long", "dest_lat", "dest_long",
        "distance_from_destination", "eta_seconds"};

    /** truck_tracker: per job with a location, its truck's last position with the distance and ETA to the job. */
    Map<String, String> truckTracker() {
        Map<String, JsonNode> locations = latest("joblocation", "id");
        Map<String, String> result = new LinkedHashMap<>();
        for (Feeds.Sent s : sent) {
            if (!s.topic().equals("tradie_truck_location") || s.value() == null) {
                continue;
            }
            JsonNode pos = tree(s.value());
            JsonNode loc = locations.get(pos.get("job_id").asText());
            if (loc == null) {
                continue;
            }
            double lat = pos.get("lat").asDouble();
            double lon = pos.get("long").asDouble();
            double dLat = loc.get("dest_lat").asDouble();
            double dLon = loc.get("dest_long").asDouble();
            com.fasterxml.jackson.databind.node.ObjectNode row = JSON.createObjectNode();
            row.put("job_id", pos.get("job_id").asText());
            row.put("vehicle_id", pos.hasNonNull("vehicle_id") ? pos.get("vehicle_id").asText() : s.key());
            row.set("state", pos.get("state"));
            row.put("lat", lat);
            row.put("long", lon);
            row.put("dest_lat", dLat);
            row.put("dest_long", dLon);
            row.put("distance_from_destination", round2(haversine(lat, lon, dLat, dLon, 6371)));
            row.put("eta_seconds", round2(Math.max(Math.abs(lat - dLat), Math.abs(lon - dLon)) / (0.5 / 10 / 10) * 2));
            result.put(pos.get("job_id").asText(), fingerprint(row, TRACKER));
        }
        return result;
    }
}
