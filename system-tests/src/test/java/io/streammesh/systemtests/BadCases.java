package io.streammesh.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The bad-input corpus (issue 16, item 3): each case turns a valid record of an input topic into a
 * bad one. A case's id travels in the record's key field (and key) wherever the record still has
 * one, so its outcome is found by content: its key on an output, or its offset on the dead-letter topic.
 */
final class BadCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status reports the time it was made: one from the past might predate its station's information. */
    private static final long NOW_SECONDS = System.currentTimeMillis() / 1000 + 60;

    /** One bad record: its key (null for none) and value bytes (null for a tombstone). */
    record Bad(byte[] key, byte[] value) {
    }

    /**
     * @param name          the case, as the table shows it
     * @param mustDeadLetter the contract leaves no choice: a record that cannot be parsed is dead-lettered
     * @param make           (topic's valid record as JSON with the case id, case id) -> the bad record
     */
    record Case(String name, boolean mustDeadLetter, BiFunction<Base, String, Bad> make) {
    }

    /** A valid record of a topic, with its key field. */
    record Base(String topic, String keyField, boolean numericKey, ObjectNode value) {
        String key() {
            return value.get(keyField).asText();
        }

        ObjectNode copy() {
            return value.deepCopy();
        }
    }

    /** The topic's valid record for case number {@code n}: ids "bad-n" (text) or 900000000+n (numbers). */
    static Base base(String topic, int n) {
        String id = "bad-" + n;
        long num = 900_000_000L + n;
        String json = switch (topic) {
            case "stations.info" -> "{\"station_id\":\"" + id + "\",\"name\":\"Bad station " + n
                    + "\",\"lat\":40.75,\"lon\":-73.99,\"region_id\":\"r-bad\",\"capacity\":20}";
            case "stations.status" -> "{\"station_id\":\"" + id + "\",\"num_bikes_available\":5,\"num_docks_available\":15,"
                    + "\"is_installed\":true,\"is_renting\":true,\"is_returning\":true,\"last_reported\":" + NOW_SECONDS + "}";
            case "system.regions" -> "{\"region_id\":\"" + id + "\",\"name\":\"Region " + n + "\"}";
            case "customers.info" -> "{\"customer_id\":\"" + id + "\",\"first_name\":\"Ada\",\"last_name\":\"Bad\","
                    + "\"email\":\"ada@example.com\",\"phone_number\":\"555-0100\"}";
            case "customers.demographics" -> "{\"customer_id\":\"" + id + "\",\"age\":30,\"gender\":\"F\",\"income\":50000,"
                    + "\"education_level\":\"Doctorate\",\"marital_status\":\"single\"}";
            case "stations.enriched" -> "{\"station_id\":\"" + id + "\",\"name\":\"Bad station " + n + "\",\"lat\":40.75,\"lon\":-73.99,"
                    + "\"region_id\":\"r-bad\",\"region_name\":\"Bad region\",\"capacity\":20,\"num_bikes_available\":19,"
                    + "\"num_docks_available\":1,\"is_installed\":true,\"last_reported\":1700000000}";
            case "order_placed" -> "{\"job_id\":" + num + ",\"customer_id\":\"cust-bad\",\"service_option\":\"Plumbing\","
                    + "\"contractor_id\":\"tradie-bad\",\"location\":\"Glebe\",\"price_quoted\":100}";
            case "job_created" -> "{\"job_id\":" + num + ",\"job_start_date\":\"2026-01-01\",\"job_end_date\":\"2026-01-02\","
                    + "\"price\":90,\"job_status\":\"Yet To Begin\"}";
            case "joblocation" -> "{\"id\":\"" + id + "\",\"customer_name\":\"Ada Bad\",\"email\":\"ada@example.com\","
                    + "\"address\":\"1 Bad St\",\"dest_lat\":-33.87,\"dest_long\":151.21,\"reporting_time\":1700000000000}";
            case "tradie_truck_location" -> "{\"job_id\":\"" + id + "\",\"state\":\"EN_ROUTE\",\"lat\":-33.86,\"long\":151.2,"
                    + "\"vehicle_id\":\"truck-" + id + "\"}";
            case "job_status" -> "{\"job_id\":" + num + ",\"customer_id\":\"cust-bad\",\"service_option\":\"Plumbing\",\"price\":90,"
                    + "\"price_quoted\":100,\"current_status\":\"ACCEPTED\"}";
            default -> throw new IllegalArgumentException(topic);
        };
        String keyField = switch (topic) {
            case "stations.info", "stations.status", "stations.enriched" -> "station_id";
            case "system.regions" -> "region_id";
            case "customers.info", "customers.demographics" -> "customer_id";
            case "joblocation" -> "id";
            case "tradie_truck_location" -> "vehicle_id";
            default -> "job_id";
        };
        return new Base(topic, keyField, keyField.equals("job_id") && !topic.equals("tradie_truck_location"), (ObjectNode) tree(json));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Bad keyed(Base b, String value) {
        return new Bad(utf8(b.key()), utf8(value));
    }

    private static Bad keyed(Base b, ObjectNode value) {
        return keyed(b, write(value));
    }

    /** Every numeric field of the record replaced as {@code with} says (the raw JSON text of the new value). */
    private static Bad numbers(Base b, String raw, boolean includeKey) {
        ObjectNode v = b.copy();
        StringBuilder json = new StringBuilder("{");
        Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append(write(JSON.getNodeFactory().textNode(f.getKey()))).append(':');
            boolean replace = f.getValue().isNumber() && (includeKey || !f.getKey().equals(b.keyField()));
            json.append(replace ? raw : write(f.getValue()));
        }
        return keyed(b, json.append('}').toString());
    }

    private static Bad coordinates(Base b, double lat, double lon) {
        ObjectNode v = b.copy();
        for (String f : List.of("lat", "dest_lat")) {
            if (v.has(f)) {
                v.put(f, lat);
            }
        }
        for (String f : List.of("lon", "long", "dest_long")) {
            if (v.has(f)) {
                v.put(f, lon);
            }
        }
        return keyed(b, v);
    }

    private static Bad set(Base b, String field, JsonNode value) {
        ObjectNode v = b.copy();
        if (v.has(field)) {
            v.set(field, value);
        }
        return keyed(b, v);
    }

    private static Bad renamed(Base b, java.util.function.UnaryOperator<String> rename) {
        ObjectNode v = JSON.createObjectNode();
        b.value().fields().forEachRemaining(f -> v.set(rename.apply(f.getKey()), f.getValue()));
        return keyed(b, v);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        // not JSON at all, or not a JSON object
        c.add(new Case("not JSON", true, (b, id) -> keyed(b, "this is not json")));
        c.add(new Case("empty value", false, (b, id) -> new Bad(utf8(b.key()), new byte[0])));
        c.add(new Case("whitespace only", false, (b, id) -> keyed(b, "   \n")));
        c.add(new Case("truncated JSON", true, (b, id) -> {
            String full = write(b.value());
            return keyed(b, full.substring(0, full.length() / 2));
        }));
        c.add(new Case("JSON array", true, (b, id) -> keyed(b, "[" + write(b.value()) + "]")));
        c.add(new Case("JSON string", true, (b, id) -> keyed(b, "\"hello\"")));
        c.add(new Case("JSON number", true, (b, id) -> keyed(b, "42")));
        c.add(new Case("JSON null literal", false, (b, id) -> keyed(b, "null")));
        // Jackson reads the first of two values and the services take it; the sink refuses (its README's rules)
        c.add(new Case("two JSON values", false, (b, id) -> keyed(b, write(b.value()) + " " + write(b.value()))));
        c.add(new Case("trailing comma", true, (b, id) -> {
            String full = write(b.value());
            return keyed(b, full.substring(0, full.length() - 1) + ",}");
        }));
        c.add(new Case("single quotes", true, (b, id) -> keyed(b, write(b.value()).replace('"', '\''))));
        c.add(new Case("comment in JSON", true, (b, id) -> keyed(b, "/* c */" + write(b.value()))));
        c.add(new Case("byte order mark", false, (b, id) -> new Bad(utf8(b.key()), utf8("\uFEFF" + write(b.value())))));
        // keys and tombstones
        c.add(new Case("null key and null value", false, (b, id) -> new Bad(null, null)));
        c.add(new Case("tombstone with key", false, (b, id) -> new Bad(utf8(b.key()), null)));
        c.add(new Case("null key, valid value", false, (b, id) -> new Bad(null, utf8(write(b.value())))));
        c.add(new Case("key disagrees with value", false, (b, id) -> new Bad(utf8("other-" + id), utf8(write(b.value())))));
        c.add(new Case("empty key", false, (b, id) -> new Bad(new byte[0], utf8(write(b.value())))));
        c.add(new Case("10,000-char key", false, (b, id) -> new Bad(utf8(b.key() + "k".repeat(10_000)), utf8(write(b.value())))));
        c.add(new Case("invalid UTF-8 key", false, (b, id) -> new Bad(new byte[] {(byte) 0xC3, 0x28, 'k'}, utf8(write(b.value())))));
        // required fields and types
        c.add(new Case("missing key field", false, (b, id) -> {
            ObjectNode v = b.copy();
            v.remove(b.keyField());
            return keyed(b, v);
        }));
        c.add(new Case("key field null", false, (b, id) -> set(b, b.keyField(), JSON.nullNode())));
        c.add(new Case("key field blank", false, (b, id) -> set(b, b.keyField(), JSON.getNodeFactory().textNode(""))));
        c.add(new Case("key field of the other type", false, (b, id) -> b.numericKey()
                ? set(b, b.keyField(), JSON.getNodeFactory().textNode(b.key()))
                : set(b, b.keyField(), JSON.getNodeFactory().numberNode(42))));
        c.add(new Case("numbers as words", false, (b, id) -> numbers(b, "\"abc\"", false)));
        c.add(new Case("numbers as text", false, (b, id) -> numbers(b, "\"7\"", false)));
        c.add(new Case("NaN token", true, (b, id) -> numbers(b, "NaN", false)));
        c.add(new Case("Infinity token", true, (b, id) -> numbers(b, "Infinity", false)));
        c.add(new Case("\"NaN\" as text", false, (b, id) -> numbers(b, "\"NaN\"", false)));
        c.add(new Case("numbers beyond a long", false, (b, id) -> numbers(b, "123456789012345678901234567890", false)));
        c.add(new Case("key number beyond a long", false, (b, id) -> b.numericKey()
                ? numbers(b, "123456789012345678901234567890", true)
                : set(b, b.keyField(), JSON.getNodeFactory().numberNode(new java.math.BigInteger("123456789012345678901234567890")))));
        c.add(new Case("numbers 1e308", false, (b, id) -> numbers(b, "1e308", false)));
        c.add(new Case("fractional counts", false, (b, id) -> numbers(b, "5.5", false)));
        c.add(new Case("exponent numbers", false, (b, id) -> numbers(b, "1e1", false)));
        c.add(new Case("negative numbers", false, (b, id) -> numbers(b, "-3", false)));
        c.add(new Case("boolean as text", false, (b, id) -> set(b, "is_installed", JSON.getNodeFactory().textNode("false"))));
        c.add(new Case("object where text expected", false, (b, id) -> {
            ObjectNode v = b.copy();
            for (String f : List.of("name", "customer_id", "state", "service_option", "first_name", "address")) {
                if (v.has(f) && !f.equals(b.keyField())) {
                    v.putObject(f).put("nested", true);
                }
            }
            return keyed(b, v);
        }));
        // coordinates and capacity
        c.add(new Case("coordinates out of range", false, (b, id) -> coordinates(b, 91, 181)));
        c.add(new Case("coordinates -1000", false, (b, id) -> coordinates(b, -1000, -1000)));
        c.add(new Case("coordinates NaN", true, (b, id) -> {
            String json = new String(coordinates(b, 1.5, 2.5).value(), StandardCharsets.UTF_8);
            return keyed(b, json.replace("1.5", "NaN").replace("2.5", "NaN"));
        }));
        c.add(new Case("coordinates infinite (1e400)", false, (b, id) -> {
            String json = new String(coordinates(b, 1.5, 2.5).value(), StandardCharsets.UTF_8);
            return keyed(b, json.replace("1.5", "1e400").replace("2.5", "-1e400"));
        }));
        c.add(new Case("coordinates as text", false, (b, id) -> {
            String json = new String(coordinates(b, 1.5, 2.5).value(), StandardCharsets.UTF_8);
            return keyed(b, json.replace("1.5", "\"1.5\"").replace("2.5", "\"2.5\""));
        }));
        c.add(new Case("zero capacity", false, (b, id) -> set(b, "capacity", JSON.getNodeFactory().numberNode(0))));
        c.add(new Case("negative capacity", false, (b, id) -> set(b, "capacity", JSON.getNodeFactory().numberNode(-5))));
        // size and shape
        c.add(new Case("1 MB value", false, (b, id) -> {
            ObjectNode v = b.copy();
            v.put("padding", "x".repeat(1_000_000));
            return keyed(b, v);
        }));
        c.add(new Case("nested 500 deep", false, (b, id) -> {
            String full = write(b.value());
            return keyed(b, full.substring(0, full.length() - 1) + ",\"deep\":" + nested(500) + "}");
        }));
        c.add(new Case("nested 5,000 deep", true, (b, id) -> {
            String full = write(b.value());
            return keyed(b, full.substring(0, full.length() - 1) + ",\"deep\":" + nested(5_000) + "}");
        }));
        c.add(new Case("10,000-field object", false, (b, id) -> {
            ObjectNode v = b.copy();
            for (int i = 0; i < 10_000; i++) {
                v.put("extra_" + i, i);
            }
            return keyed(b, v);
        }));
        c.add(new Case("unknown fields", false, (b, id) -> {
            ObjectNode v = b.copy();
            v.put("surprise", "ignored").putArray("more").add(1);
            return keyed(b, v);
        }));
        // text
        c.add(new Case("invalid UTF-8 in a value", false, (b, id) -> {
            String full = write(b.value());
            int cut = full.lastIndexOf('}');
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(utf8(full.substring(0, cut) + ",\"bad_text\":\""));
            out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
            out.writeBytes(utf8("\"}"));
            return new Bad(utf8(b.key()), out.toByteArray());
        }));
        c.add(new Case("control characters", false, (b, id) -> {
            ObjectNode v = b.copy();
            v.put("note", "a\u0000b\u0007c");
            return keyed(b, v);
        }));
        c.add(new Case("unicode names", false, (b, id) -> {
            ObjectNode v = b.copy();
            for (String f : List.of("name", "first_name", "last_name", "customer_name", "address", "location", "state", "service_option")) {
                if (v.has(f)) {
                    v.put(f, "Zürich 東京 Ñandú 🚲");
                }
            }
            return keyed(b, v);
        }));
        c.add(new Case("duplicate JSON keys", false, (b, id) -> {
            String full = write(b.value());
            JsonNode first = b.value().fields().next().getValue();
            String firstField = b.value().fieldNames().next();
            return keyed(b, full.substring(0, full.length() - 1) + ",\"" + firstField + "\":" + write(first) + "}");
        }));
        c.add(new Case("key field twice, other case", false, (b, id) -> {
            String full = write(b.value());
            return keyed(b, full.substring(0, full.length() - 1) + ",\"" + b.keyField().toUpperCase(Locale.ROOT) + "\":"
                    + write(b.value().get(b.keyField())) + "}");
        }));
        c.add(new Case("upper-case names", false, (b, id) -> renamed(b, n -> n.toUpperCase(Locale.ROOT))));
        c.add(new Case("mixed-case names", false, (b, id) -> renamed(b, n -> Character.toUpperCase(n.charAt(0)) + n.substring(1))));
        return c;
    }
}
