package io.streammesh.contracts;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for one Java record type on {@link Json#MAPPER}.
 *
 * <p>A null or empty payload is a tombstone and reads as null. A payload that is not valid JSON for
 * the type, or that lacks a {@link Required} field, throws {@link SerializationException}; the
 * runtime's deserialization handler then sends the original bytes to the dead-letter topic instead of
 * stopping the service.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.MAPPER.readerFor(type);
        this.writer = Json.MAPPER.writerFor(type);
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("Cannot write " + type.getSimpleName() + " to topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null || bytes.length == 0) {
                return null;
            }
            try {
                T value = reader.readValue(bytes);
                Contracts.validate(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new SerializationException("Invalid " + type.getSimpleName() + " on topic " + topic + ": " + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
                Throwable cause = e.getCause() != null && e.getCause() != e ? e.getCause() : null;
                if (cause instanceof IllegalArgumentException iae) {
                    // a record's own validation: its message is the clearest reason
                    reason = iae.getMessage();
                }
                throw new SerializationException("Invalid " + type.getSimpleName() + " on topic " + topic + ": " + reason, e);
            }
        };
    }
}
