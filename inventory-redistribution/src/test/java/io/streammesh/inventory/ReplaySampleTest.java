package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.offline.GoldenReplay;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample the replay tool runs ({@code ./streammesh replay inventory-redistribution --input
 * inventory-redistribution/src/test/resources/replay/input.jsonl}), piped the way the tool pipes it:
 * in file order.
 */
class ReplaySampleTest {

    static List<Output> replay(String resource) throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream(resource)) {
            return ServiceTestDriver.replay(new InventoryRedistributionTopology(), in);
        }
    }

    @Test
    void theSampleProducesTheSpecsOutputs() throws IOException {
        List<Output> out = replay("/replay/input.jsonl");
        String high = Topics.INVENTORY_AVAILABILITY_HIGH.name();
        String low = Topics.INVENTORY_AVAILABILITY_LOW.name();
        String pairs = Topics.INVENTORY_REDISTRIBUTION.name();
        assertThat(out).extracting(Output::topic, Output::key, Output::isTombstone).containsExactly(
                tuple(high, "72", false),                      // 30 of 39 >= ROUND(29.25): surplus 30 - 19 = 11
                tuple(low, "79", false),                       // 2 of 30: shortage 13 > 11, no pair
                tuple(low, "82", false),                       // 5 of 27: shortage 8
                tuple(pairs, "72-82", false),
                tuple(high, "83", false),                      // Tribeca: surplus 8, nobody to pair with yet
                tuple(low, "116", false),                      // null key, upper-case names: shortage 8 <= 8
                tuple(pairs, "83-116", false),
                tuple("inventory-redistribution.dlq", "x", false), // no station_id
                tuple(high, "72", false),                      // surplus 14: 72-79 now holds, 72-82 changes
                tuple(pairs, "72-79", false),
                tuple(pairs, "72-82", false),
                tuple(low, "82", false),                       // 82 moves to Tribeca: its pairs move
                tuple(pairs, "72-82", true),
                tuple(pairs, "83-82", false),
                tuple(high, "72", true),                       // 72 drops to 20 bikes: leaves high with its pair
                tuple(pairs, "72-79", true),
                tuple(high, "83", true),                       // 83 uninstalled: leaves high with its pairs
                tuple(pairs, "83-116", true),
                tuple(pairs, "83-82", true));

        assertThat(out.get(0).valueAs(HighAvailability.class).surplus()).isEqualTo(11);
        assertThat(out.get(0).valueAs(HighAvailability.class).percentAvailable()).isEqualTo(0.77);
        RedistributionPair first = out.get(3).valueAs(RedistributionPair.class);
        assertThat(first).isEqualTo(new RedistributionPair("72", "82", "Lower Manhattan", "W 52 St & 11 Ave",
                "St James Pl & Pearl St", 11, 8, 8, 3.89)); // 3.88996... miles
        assertThat(out.get(7).headers().get(DeadLetters.MESSAGE)).contains("station_id is missing");
        assertThat(out.get(10).valueAs(RedistributionPair.class).sourceSurplus()).isEqualTo(14);
        assertThat(out.get(13).valueAs(RedistributionPair.class).regionName()).isEqualTo("Tribeca");
    }

    /** The replay tool's output before the contracts refactor (commit 0a7af43), kept as the golden copy. */
    @Test
    void theSampleReplaysExactlyAsTheGoldenCopy() throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/expected.jsonl")) {
            assertThat(GoldenReplay.of(replay("/replay/input.jsonl"))).containsExactlyElementsOf(GoldenReplay.read(in));
        }
    }
}
