package io.streammesh.producers.gbfs;

import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.RentalUris;
import io.streammesh.contracts.bikeshare.VehicleTypeCount;
import io.streammesh.contracts.bikeshare.VehicleDocksCount;
import io.streammesh.contracts.bikeshare.Region;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads GBFS documents of any version into the contract's records, normalised to GBFS 2.3 names
 * ({@code docs/data-products.md}, "Bike-share data mesh"). Version differences are recognised by shape
 * and name, not trusted from the declared version, since real feeds mix them:
 * <ul>
 *   <li>localised text ({@code [{"text","language"}]}, 3.x) becomes the text in the chosen language, else the first;</li>
 *   <li>{@code last_reported} / {@code last_updated} as RFC 3339 (3.x) become epoch seconds;</li>
 *   <li>{@code num_vehicles_available} / {@code num_vehicles_disabled} (3.x) become
 *       {@code num_bikes_available} / {@code num_bikes_disabled};</li>
 *   <li>{@code vehicle_types_capacity} / {@code vehicle_docks_capacity} arrays (3.x) become the 2.x maps
 *       {@code vehicle_capacity} / {@code vehicle_type_capacity} (each listed type gets the entry's count);</li>
 *   <li>0/1 booleans (1.x) become true/false; rental methods are upper case as in 2.x.</li>
 * </ul>
 * Fields the contract does not list are left out. A station or region without its id is skipped and
 * logged. What real feeds get wrong is read as the contract says and counted in the {@link Read}:
 * <ul>
 *   <li>an id listed twice in one file: the last entry wins, the others are counted as duplicates;</li>
 *   <li>a file using the other major version's names ({@code num_bikes_*} in 3.x, {@code num_vehicles_*}
 *       in 2.x; {@code vehicle_capacity}/{@code vehicle_type_capacity} in 3.x, {@code vehicle_types_capacity}/
 *       {@code vehicle_docks_capacity} in 2.x) is read either way (its own version's name first), each
 *       such entry counted;</li>
 *   <li>a {@code last_reported} before 2000 or more than a day after the fetch ({@link PlausibleTime})
 *       becomes null, counted.</li>
 * </ul>
 */
public final class GbfsNormalizer {

    private static final Logger LOG = LoggerFactory.getLogger(GbfsNormalizer.class);

    /** What an auto-discovery file says: the feeds in the chosen language, by name; its ttl in seconds, if it gives one. */
    public record Discovery(String version, OptionalLong ttl, String language, Map<String, URI> feeds) {
    }

    /**
     * The records of one file, one per id, and what was wrong with it: ids listed more than once (each
     * extra entry counts as a duplicate), entries using names of the other GBFS major version, and
     * implausible {@code last_reported} values published as null.
     */
    public record Read<T>(List<T> records, int duplicates, List<String> duplicateIds, int otherVersionNames, int implausible) {
    }

    private final String language;

    /** @param language preferred language (e.g. {@code en}); the feed's first language when it has not this one */
    public GbfsNormalizer(String language) {
        this.language = language == null ? "en" : language;
    }

    /** Reads {@code gbfs.json}: 3.x lists {@code data.feeds}; 1.x/2.x list them per language under {@code data.<lang>.feeds}. */
    public Discovery discovery(JsonNode root, URI base) {
        JsonNode data = data(root, "gbfs.json");
        JsonNode feeds;
        String chosen = null;
        if (data.path("feeds").isArray()) {
            feeds = data.get("feeds");
        } else {
            Iterator<String> languages = data.fieldNames();
            if (!languages.hasNext()) {
                throw new GbfsFormatException("gbfs.json: data lists no language and no feeds");
            }
            String first = languages.next();
            chosen = data.has(language) ? language : data.has("en") ? "en" : first;
            feeds = data.get(chosen).path("feeds");
            if (!feeds.isArray()) {
                throw new GbfsFormatException("gbfs.json: data." + chosen + " has no feeds list");
            }
        }
        Map<String, URI> byName = new LinkedHashMap<>();
        for (JsonNode feed : feeds) {
            String name = text(feed, "name");
            String url = text(feed, "url");
            if (name != null && url != null) {
                try {
                    byName.put(name, base.resolve(url.trim()));
                } catch (IllegalArgumentException e) {
                    LOG.warn("gbfs.json: feed {} has an invalid url '{}', ignored", name, url);
                }
            }
        }
        return new Discovery(text(root, "version"), ttl(root), chosen != null ? chosen : language, byName);
    }

    /** The document's {@code ttl}: seconds before it changes again; empty when it gives none. */
    public static OptionalLong ttl(JsonNode root) {
        JsonNode ttl = root.path("ttl");
        if (ttl.canConvertToLong()) {
            return OptionalLong.of(Math.max(0, ttl.asLong()));
        }
        if (ttl.isTextual()) {
            try {
                return OptionalLong.of(Math.max(0, Long.parseLong(ttl.asText().trim())));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    public Read<Region> regions(JsonNode root) {
        ById<Region> result = new ById<>("system_regions", "region_id");
        for (JsonNode r : list(root, "regions", "system_regions")) {
            String id = text(r, "region_id");
            result.put(id, id == null ? null : new Region(id, localized(r.get("name"))));
        }
        return result.read(0, 0);
    }

    /** @param versionHint the system's version (from the discovery file), for a file that does not say its own */
    public Read<StationInfo> stationInformation(JsonNode root, String versionHint) {
        int major = majorVersion(root, versionHint);
        ById<StationInfo> result = new ById<>("station_information", "station_id");
        int otherVersion = 0;
        for (JsonNode s : list(root, "stations", "station_information")) {
            String id = text(s, "station_id");
            if (id == null) {
                result.put(null, null);
                continue;
            }
            if (major == 3 && (s.has("vehicle_capacity") || s.has("vehicle_type_capacity"))
                    || major == 2 && (s.has("vehicle_types_capacity") || s.has("vehicle_docks_capacity"))) {
                otherVersion++;
            }
            Map<String, Object> read = new LinkedHashMap<>();
            read.put("station_id", id);
            read.put("name", localized(s.get("name")));
            read.put("short_name", localized(s.get("short_name")));
            read.put("lat", dbl(s, "lat"));
            read.put("lon", dbl(s, "lon"));
            read.put("address", localized(s.get("address")));
            read.put("cross_street", localized(s.get("cross_street")));
            read.put("region_id", text(s, "region_id"));
            read.put("post_code", text(s, "post_code"));
            read.put("rental_methods", rentalMethods(s.get("rental_methods")));
            read.put("is_virtual_station", bool(s, "is_virtual_station"));
            read.put("station_area", objectOrNull(s.get("station_area")));
            read.put("parking_type", text(s, "parking_type"));
            read.put("parking_hoop", bool(s, "parking_hoop"));
            read.put("contact_phone", text(s, "contact_phone"));
            read.put("capacity", integer(s, "capacity"));
            read.put("vehicle_capacity", capacities(s, "vehicle_capacity", "vehicle_types_capacity"));
            read.put("is_valet_station", bool(s, "is_valet_station"));
            read.put("is_charging_station", bool(s, "is_charging_station"));
            read.put("rental_uris", rentalUris(s.get("rental_uris")));
            read.put("vehicle_type_capacity", capacities(s, "vehicle_type_capacity", "vehicle_docks_capacity"));
            result.put(id, stationInfo(s, read));
        }
        return result.read(otherVersion, 0);
    }

    /** 3.x names of fields read above under their 2.3 names: not fields of the record. */
    private static final List<String> OTHER_VERSION_NAMES = List.of("vehicle_types_capacity", "vehicle_docks_capacity");

    /**
     * The station from the fields read one by one above (localised texts, 3.x names, lenient types)
     * plus any other field of {@link StationInfo} the entry carries under its GBFS name, so a field
     * added to the contract record is published without a line here. When one of those other fields
     * does not read as its type, all of them are left out for that station (the fields read one by
     * one stay), rather than failing the feed.
     */
    static StationInfo stationInfo(JsonNode entry, Map<String, Object> read) {
        Map<String, Object> present = new LinkedHashMap<>(read);
        present.values().removeIf(java.util.Objects::isNull); // a JSON null would read as a NullNode station_area
        ObjectNode known = Json.MAPPER.valueToTree(present);
        if (entry instanceof ObjectNode fields) {
            ObjectNode merged = fields.deepCopy();
            merged.remove(read.keySet());
            merged.remove(OTHER_VERSION_NAMES);
            if (!merged.isEmpty()) {
                merged.setAll(known);
                try {
                    return Json.MAPPER.treeToValue(merged, StationInfo.class);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    LOG.debug("station_information {}: a field not read one by one does not parse, those fields left out: {}",
                            read.get("station_id"), e.getMessage());
                }
            }
        }
        try {
            return Json.MAPPER.treeToValue(known, StationInfo.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the fields read from station_information do not make a StationInfo", e);
        }
    }

    /**
     * @param versionHint the system's version, for a file that does not say its own
     * @param fetchedAt   when the file was fetched: a {@code last_reported} more than a day after it is implausible
     */
    public Read<StationStatus> stationStatus(JsonNode root, String versionHint, Instant fetchedAt) {
        int major = majorVersion(root, versionHint);
        ById<StationStatus> result = new ById<>("station_status", "station_id");
        int otherVersion = 0;
        int implausible = 0;
        for (JsonNode s : list(root, "stations", "station_status")) {
            String id = text(s, "station_id");
            if (id == null) {
                result.put(null, null);
                continue;
            }
            if (major == 3 && (s.has("num_bikes_available") || s.has("num_bikes_disabled"))
                    || major == 2 && (s.has("num_vehicles_available") || s.has("num_vehicles_disabled"))) {
                otherVersion++;
            }
            Long lastReported = epochSeconds(s.get("last_reported"));
            if (lastReported != null && !PlausibleTime.plausible(lastReported, fetchedAt)) {
                implausible++;
                lastReported = null;
            }
            boolean v3 = major == 3;
            result.put(id, new StationStatus(id,
                    integer(s, either(s, v3, "num_bikes_available", "num_vehicles_available")),
                    vehicleTypes(s.get("vehicle_types_available")),
                    integer(s, either(s, v3, "num_bikes_disabled", "num_vehicles_disabled")),
                    integer(s, "num_docks_available"), integer(s, "num_docks_disabled"),
                    bool(s, "is_installed"), bool(s, "is_renting"), bool(s, "is_returning"),
                    lastReported, vehicleDocks(s.get("vehicle_docks_available"))));
        }
        return result.read(otherVersion, implausible);
    }

    /** The field of this version's name when the entry has it, else the other version's: real feeds mix them. */
    private static String either(JsonNode entry, boolean v3, String v2Name, String v3Name) {
        String own = v3 ? v3Name : v2Name;
        return entry.has(own) ? own : v3 ? v2Name : v3Name;
    }

    /** 2 for 1.x and 2.x (the same names), 3 for 3.x, 0 when neither the file nor the hint says. */
    static int majorVersion(JsonNode root, String versionHint) {
        String version = text(root, "version");
        if (version == null) {
            version = versionHint;
        }
        if (version == null || version.isBlank()) {
            return 0;
        }
        return version.trim().startsWith("3") ? 3 : version.trim().matches("[12](\\..*)?") ? 2 : 0;
    }

    /** Entries by id, in the order ids first appear, the last entry of an id winning; ids missing are skipped. */
    private static final class ById<T> {
        private final String feed;
        private final String idField;
        private final Map<String, T> byId = new LinkedHashMap<>();
        private final java.util.Set<String> duplicateIds = new java.util.LinkedHashSet<>();
        private int duplicates;
        private int skipped;

        ById(String feed, String idField) {
            this.feed = feed;
            this.idField = idField;
        }

        void put(String id, T record) {
            if (id == null) {
                skipped++;
            } else if (byId.put(id, record) != null) {
                duplicates++;
                duplicateIds.add(id);
            }
        }

        Read<T> read(int otherVersionNames, int implausible) {
            if (skipped > 0) {
                LOG.warn("{}: skipped {} entries without {}", feed, skipped, idField);
            }
            return new Read<>(List.copyOf(byId.values()), duplicates, List.copyOf(duplicateIds), otherVersionNames, implausible);
        }
    }

    /** Localised text: a plain string, or the 3.x list of {@code {text, language}} (this language's, else the first). */
    String localized(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isArray()) {
            JsonNode first = null;
            for (JsonNode entry : node) {
                if (first == null) {
                    first = entry;
                }
                if (language.equalsIgnoreCase(entry.path("language").asText())) {
                    return text(entry, "text");
                }
            }
            return first == null ? null : text(first, "text");
        }
        return node.isValueNode() ? node.asText() : null;
    }

    /** Epoch seconds from a number (2.x) or an RFC 3339 date-time (3.x); null when neither. */
    static Long epochSeconds(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        String text = node.asText().trim();
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            return Long.parseLong(text);
        }
        try {
            return OffsetDateTime.parse(text).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode data(JsonNode root, String feed) {
        if (root == null || !root.isObject() || !root.path("data").isObject()) {
            throw new GbfsFormatException(feed + ": no \"data\" object");
        }
        return root.get("data");
    }

    private static JsonNode list(JsonNode root, String field, String feed) {
        JsonNode list = data(root, feed).path(field);
        if (!list.isArray()) {
            throw new GbfsFormatException(feed + ": data." + field + " is not a list");
        }
        return list;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String text = v.asText();
        return text.isBlank() ? null : text;
    }

    private static Double dbl(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && (v.isNumber() || v.isTextual() && !v.asText().isBlank()) ? v.asDouble() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && (v.isNumber() || v.isTextual() && !v.asText().isBlank()) ? v.asInt() : null;
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.asInt() != 0;
        }
        return switch (v.asText().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> null;
        };
    }

    private static JsonNode objectOrNull(JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }

    private static List<String> rentalMethods(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> methods = new ArrayList<>();
        node.forEach(m -> methods.add(m.asText().toUpperCase(Locale.ROOT)));
        return methods;
    }

    private static RentalUris rentalUris(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new RentalUris(text(node, "android"), text(node, "ios"), text(node, "web"));
    }

    /** A 2.x {@code {type: count}} map, or the 3.x list {@code [{vehicle_type_ids: [...], count}]} as one. */
    private static Map<String, Integer> capacities(JsonNode station, String v2Field, String v3Field) {
        JsonNode v2 = station.get(v2Field);
        if (v2 != null && v2.isObject()) {
            Map<String, Integer> map = new LinkedHashMap<>();
            v2.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asInt()));
            return map;
        }
        JsonNode v3 = station.get(v3Field);
        if (v3 != null && v3.isArray()) {
            Map<String, Integer> map = new LinkedHashMap<>();
            for (JsonNode entry : v3) {
                for (JsonNode type : entry.path("vehicle_type_ids")) {
                    map.put(type.asText(), entry.path("count").asInt());
                }
            }
            return map;
        }
        return null;
    }

    private static List<VehicleTypeCount> vehicleTypes(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<VehicleTypeCount> result = new ArrayList<>();
        node.forEach(e -> result.add(new VehicleTypeCount(text(e, "vehicle_type_id"), integer(e, "count"))));
        return result;
    }

    private static List<VehicleDocksCount> vehicleDocks(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<VehicleDocksCount> result = new ArrayList<>();
        for (JsonNode e : node) {
            List<String> types = new ArrayList<>();
            e.path("vehicle_type_ids").forEach(t -> types.add(t.asText()));
            result.add(new VehicleDocksCount(types, integer(e, "count")));
        }
        return result;
    }
}
