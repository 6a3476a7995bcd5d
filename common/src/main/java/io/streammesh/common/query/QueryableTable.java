package io.streammesh.common.query;

import io.streammesh.common.streams.Keys;
import io.streammesh.contracts.Topic;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A table data product a service serves over {@code /v1/tables/{table}}: the registry topic it is
 * (its name, key and value record come from {@link Topic}), the state store holding its rows, and,
 * when the store is not simply the table, how to read the table out of it.
 *
 * <ul>
 *   <li>{@link #of}: the store holds exactly the table's rows under the table's keys;</li>
 *   <li>{@link #view}: the store holds more, or another shape, and {@code view} maps a stored value
 *       to the table's value, null meaning "not in this table" (inventory's per-station store is both
 *       availability tables);</li>
 *   <li>{@link #partitionedBy}: the store's partitions follow another key than the table's
 *       (a redistribution pair lives with its source station), so a key names the candidate keys
 *       whose partition may hold it.</li>
 * </ul>
 *
 * @param <V> the table's value record
 */
public final class QueryableTable<V> {

    private final Topic<V> topic;
    private final String store;
    private final Function<Object, V> view;
    private final Function<String, Collection<String>> partitionKeys;
    private final List<String> aliases;

    private QueryableTable(Topic<V> topic, String store, Function<Object, V> view,
                           Function<String, Collection<String>> partitionKeys, List<String> aliases) {
        if (!topic.isTable()) {
            throw new IllegalArgumentException(topic.name() + " is a stream, not a table: follow it at /v1/streams/" + topic.name() + "/changes");
        }
        this.topic = topic;
        this.store = store;
        this.view = view;
        this.partitionKeys = partitionKeys;
        this.aliases = List.copyOf(aliases);
    }

    /** {@code store} holds the rows of {@code topic}, keyed and partitioned like the topic. */
    public static <V> QueryableTable<V> of(Topic<V> topic, String store) {
        return new QueryableTable<>(topic, store, topic.valueType()::cast, List::of, List.of());
    }

    /** {@code store} holds values of type {@code stored}; {@code view} gives the table's row, or null when the key is not in the table. */
    public static <S, V> QueryableTable<V> view(Topic<V> topic, String store, Class<S> stored, Function<? super S, V> view) {
        return new QueryableTable<>(topic, store, value -> view.apply(stored.cast(value)), List::of, List.of());
    }

    /** The same table, whose key {@code k} sits on the partition of one of {@code partitionKeys(k)}. */
    public QueryableTable<V> partitionedBy(Function<String, Collection<String>> keys) {
        return new QueryableTable<>(topic, store, view, keys, aliases);
    }

    /** The same table, also served at {@code path} (rows as a JSON array) and {@code path/{key}}: an older route kept working. */
    public QueryableTable<V> alias(String path) {
        List<String> more = new java.util.ArrayList<>(aliases);
        more.add(path);
        return new QueryableTable<>(topic, store, view, partitionKeys, more);
    }

    public Topic<V> topic() {
        return topic;
    }

    public String name() {
        return topic.name();
    }

    public String store() {
        return store;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** The table's row for a value of the store, or null when that key is not in the table. */
    public V rowOf(Object stored) {
        return stored == null ? null : view.apply(stored);
    }

    /** The partitions (of {@code partitions}) that may hold {@code key}. */
    public Set<Integer> partitionsOf(String key, int partitions) {
        Set<Integer> result = new TreeSet<>();
        Collection<String> keys = partitionKeys.apply(key);
        for (String k : keys.isEmpty() ? List.of(key) : keys) {
            result.add(Keys.partitionFor(k, partitions));
        }
        return result;
    }

    @Override
    public String toString() {
        return topic.name() + " (store " + store + ")";
    }
}
