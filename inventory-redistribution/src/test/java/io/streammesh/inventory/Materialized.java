package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.json.Json;
import io.streammesh.common.testing.ServiceTestDriver.Output;
import io.streammesh.common.topics.Topics;
import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.RedistributionPair;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compacted state of the service's three output tables, built from what it emitted. Applying
 * an update that changes nothing (a tombstone for an absent key, a value equal to the current one)
 * fails: the spec wants only pairs that appeared or changed.
 */
final class Materialized {

    final Map<String, Availability> high = new TreeMap<>();
    final Map<String, Availability> low = new TreeMap<>();
    final Map<String, RedistributionPair> pairs = new TreeMap<>();

    void apply(List<Output> outputs) {
        for (Output o : outputs) {
            if (o.topic().equals(Topics.INVENTORY_AVAILABILITY_HIGH.name())) {
                apply(high, o, Availability.class);
            } else if (o.topic().equals(Topics.INVENTORY_AVAILABILITY_LOW.name())) {
                apply(low, o, Availability.class);
            } else if (o.topic().equals(Topics.INVENTORY_REDISTRIBUTION.name())) {
                apply(pairs, o, RedistributionPair.class);
            }
        }
    }

    private static <T> void apply(Map<String, T> table, Output o, Class<T> type) {
        if (o.isTombstone()) {
            assertThat(table).as("tombstone on %s for a key that is not there", o.topic()).containsKey(o.key());
            table.remove(o.key());
        } else {
            T value = Json.read(o.value(), type);
            assertThat(table.get(o.key())).as("re-emitted unchanged %s on %s", o.key(), o.topic()).isNotEqualTo(value);
            table.put(o.key(), value);
        }
    }

    void assertEquals(BruteForce expected) {
        assertThat(high).as("inventory.availability.high").isEqualTo(expected.high);
        assertThat(low).as("inventory.availability.low").isEqualTo(expected.low);
        assertThat(pairs).as("inventory.redistribution").isEqualTo(expected.pairs);
    }
}
