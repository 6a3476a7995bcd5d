package io.streammesh.contracts;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the contract, typed by its value record: its name, whether it is a stream or a
 * table, the record and serde of its values, and how a record's key follows from its value (the
 * {@code job_id} of an order, the {@code station_id} of a status). Producers, services, the sink, the
 * demo page and the bench all read and write a topic through this one object.
 *
 * @param <V> the value record
 */
public final class Topic<V> {

    /** A {@link #TABLE} topic is a changelog: latest record per key wins, a null value deletes the key. */
    public enum Kind {
        STREAM, TABLE;

        public String cleanupPolicy() {
            return this == TABLE ? "compact" : "delete";
        }
    }

    private final String name;
    private final Kind kind;
    private final String description;
    private final Class<V> valueType;
    private final Serde<V> serde;
    private final String keyField;
    private final Function<? super V, ?> keyOf;
    private final String writer;

    private Topic(String name, Kind kind, String description, Class<V> valueType, Serde<V> serde, String keyField,
                  Function<? super V, ?> keyOf, String writer) {
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.description = Objects.requireNonNull(description);
        this.valueType = valueType;
        this.serde = serde;
        this.keyField = keyField;
        this.keyOf = keyOf;
        this.writer = writer;
    }

    /** A topic of JSON values of {@code valueType}, keyed by {@code keyField}, which {@code keyOf} reads from a value. */
    public static <V> Topic<V> json(String name, Kind kind, Class<V> valueType, String keyField, Function<? super V, ?> keyOf,
                             String writer, String description) {
        return new Topic<>(name, kind, description, valueType, JsonSerde.of(valueType), keyField, keyOf, writer);
    }

    /** A topic whose values are opaque bytes (dead letters: the original record as it was). */
    public static Topic<byte[]> bytes(String name, String description, String writer) {
        return new Topic<>(name, Kind.STREAM, description, byte[].class, org.apache.kafka.common.serialization.Serdes.ByteArray(),
                null, null, writer);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTable() {
        return kind == Kind.TABLE;
    }

    public String description() {
        return description;
    }

    public Class<V> valueType() {
        return valueType;
    }

    public Serde<V> serde() {
        return serde;
    }

    /** The value field the key is derived from ({@code job_id}), or empty for topics keyed otherwise. */
    public Optional<String> keyField() {
        return Optional.ofNullable(keyField);
    }

    /**
     * The key {@code value} belongs under: its {@link #keyField()} as text, or null when the value is
     * null or has none (then the record's own key is all there is).
     */
    public String keyOf(V value) {
        if (value == null || keyOf == null) {
            return null;
        }
        Object key = keyOf.apply(value);
        if (key == null) {
            return null;
        }
        String text = key.toString();
        return text.isBlank() ? null : text;
    }

    /**
     * Who writes it: {@code producers <generator>} for the suite's inputs, else the service's name.
     * The lineage graph, the deployment's ACLs and the contract document read it from here.
     */
    public String writer() {
        return writer;
    }

    /** The generator family of {@code producers} writing this topic ({@code gbfs}, {@code trucks}), if it is an input. */
    public Optional<String> producer() {
        return writer != null && writer.startsWith(Topics.PRODUCERS_PREFIX)
                ? Optional.of(writer.substring(Topics.PRODUCERS_PREFIX.length()))
                : Optional.empty();
    }

    /** Topics are equal by name: a name is one topic on a cluster. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Topic<?> topic && topic.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
