package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compacted state of the service's three output tables, built from what it emitted. Applying
 * an update that changes nothing (a tombstone for an absent key, a value equal to the current one)
 * fails: the spec wants only pairs that appeared or changed.
 */
final class Materialized {

    final Map<String, HighAvailability> high = new TreeMap<>();
    final Map<String, LowAvailability> low = new TreeMap<>();
    final Map<String, RedistributionPair> pairs = new TreeMap<>();
    /** Updates that changed nothing, when not {@link #strict}. */
    final List<String> unchanged = new java.util.ArrayList<>();
    long records;
    long tombstones;
    private final boolean strict;

    Materialized() {
        this(true);
    }

    /** @param strict fail at once on an update that changes nothing (else collect it in {@link #unchanged}) */
    Materialized(boolean strict) {
        this.strict = strict;
    }

    void apply(List<Output> outputs) {
        for (Output o : outputs) {
            if (o.topic().equals(Topics.INVENTORY_AVAILABILITY_HIGH.name())) {
                apply(high, o, HighAvailability.class);
            } else if (o.topic().equals(Topics.INVENTORY_AVAILABILITY_LOW.name())) {
                apply(low, o, LowAvailability.class);
            } else if (o.topic().equals(Topics.INVENTORY_REDISTRIBUTION.name())) {
                apply(pairs, o, RedistributionPair.class);
            }
        }
    }

    private <T> void apply(Map<String, T> table, Output o, Class<T> type) {
        records++;
        boolean changed;
        if (o.isTombstone()) {
            tombstones++;
            changed = table.remove(o.key()) != null;
        } else {
            T value = Json.read(o.value(), type);
            changed = !value.equals(table.put(o.key(), value));
        }
        if (!changed) {
            String what = (o.isTombstone() ? "tombstone for absent " : "unchanged value of ") + o.key() + " on " + o.topic();
            if (strict) {
                throw new AssertionError("An update that changes nothing: " + what);
            }
            unchanged.add(what);
        }
    }

    void assertEquals(BruteForce expected) {
        assertThat(high).as("inventory.availability.high").isEqualTo(expected.high);
        assertThat(low).as("inventory.availability.low").isEqualTo(expected.low);
        assertThat(pairs).as("inventory.redistribution").isEqualTo(expected.pairs);
    }
}
