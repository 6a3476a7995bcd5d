package io.streammesh.mongosink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Turns a Kafka record into a {@link MongoWrite}, or rejects it with an {@link IllegalArgumentException}
 * saying why, which sends it to the dead-letter topic: it could never be written.
 *
 * <p>The document is the JSON value with {@code _id} in front. Top-level field names are lower-cased,
 * because inputs are matched case-insensitively (spec, "Common rules"): a producer written for the
 * ksqlDB demo that sends {@code JOB_ID} and {@code CURRENT_STATUS} yields the same document as one
 * sending {@code job_id} and {@code current_status}. Nested values are stored as they are. JSON
 * numbers keep their type: whole numbers become int32/int64, fractions doubles, larger integers
 * decimal128.
 */
public final class DocumentMapper {

    /** The field job_status is keyed by. */
    static final String JOB_ID = Topics.JOB_STATUS.keyField().orElseThrow();
    /** Two JSON values glued together are a broken record, not the first of them. */
    private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Map<String, TopicMapping> byTopic = new HashMap<>();

    public DocumentMapper(List<TopicMapping> mappings) {
        mappings.forEach(m -> byTopic.put(m.topic(), m));
    }

    public MongoWrite map(String topic, byte[] key, byte[] value) {
        TopicMapping mapping = byTopic.get(topic);
        if (mapping == null) {
            throw new IllegalArgumentException("topic " + topic + " has no collection mapped");
        }
        if (value == null) {
            return new MongoWrite(mapping.collection(), tombstoneId(mapping, key), null);
        }
        ObjectNode json = parseObject(value);
        Document document = new Document();
        document.put("_id", null); // first field, filled below
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("$")) {
                throw new IllegalArgumentException("field name '" + field.getKey() + "' starts with '$', which MongoDB does not allow");
            }
            if (!name.equals("_id")) {
                document.put(name, toBson(field.getValue()));
            }
        }
        Object id = mapping.idSource() == TopicMapping.IdSource.JOB_ID
                ? jobId(document.get(JOB_ID))
                : recordKey(key);
        document.put("_id", id);
        return new MongoWrite(mapping.collection(), id, document);
    }

    private static ObjectNode parseObject(byte[] value) {
        JsonNode node;
        try {
            node = READER.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("value is not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("value is empty");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("value is JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object");
        }
        return object;
    }

    private static Object jobId(Object value) {
        if (value == null) {
            throw new IllegalArgumentException(JOB_ID + " is missing");
        }
        return wholeNumber(value, JOB_ID);
    }

    private static Object tombstoneId(TopicMapping mapping, byte[] key) {
        String text = recordKey(key);
        return mapping.idSource() == TopicMapping.IdSource.JOB_ID ? wholeNumber(text, "tombstone key (a job_id)") : text;
    }

    private static String recordKey(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("key is missing (the document id of this topic)");
        }
        return new String(key, StandardCharsets.UTF_8);
    }

    /** A job id is a long (spec); a string of digits is read as the same number so one job is one document. */
    static long wholeNumber(Object value, String what) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a whole number, got \"" + s + "\"");
            }
        }
        throw new IllegalArgumentException(what + " must be a whole number, got " + value);
    }

    static Object toBson(JsonNode node) {
        switch (node.getNodeType()) {
            case NULL, MISSING:
                return null;
            case BOOLEAN:
                return node.booleanValue();
            case STRING:
                return node.textValue();
            case NUMBER:
                if (node.isInt()) {
                    return node.intValue();
                }
                if (node.isLong()) {
                    return node.longValue();
                }
                if (node.isBigInteger() || node.isBigDecimal()) {
                    try {
                        return new Decimal128(new BigDecimal(node.numberValue().toString()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("number " + node + " does not fit in a decimal128");
                    }
                }
                return node.doubleValue();
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(element -> list.add(toBson(element)));
                return list;
            case OBJECT:
                Document nested = new Document();
                node.fields().forEachRemaining(f -> nested.put(f.getKey(), toBson(f.getValue())));
                return nested;
            case BINARY:
                try {
                    return node.binaryValue();
                } catch (IOException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            default:
                return node.toString();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
