package io.streammesh.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.contracts.Topics;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.offline.GoldenReplay;
import io.streammesh.offline.ServiceTestDriver;
import io.streammesh.offline.ServiceTestDriver.Output;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sample the replay tool runs ({@code ./streammesh replay station-enrichment --input
 * src/test/resources/replay/input.jsonl}), piped the way the tool pipes it: in file order, a
 * string value as raw bytes.
 */
class ReplaySampleTest {

    static List<Output> replay(String resource) throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream(resource)) {
            return ServiceTestDriver.replay(new StationEnrichmentTopology(), in);
        }
    }

    @Test
    void theSampleProducesTheSpecsOutputs() throws IOException {
        List<Output> out = replay("/replay/input.jsonl");
        String latest = Topics.STATIONS_INFO_LATEST.name();
        String enriched = Topics.STATIONS_ENRICHED.name();
        assertThat(out).extracting(Output::topic, Output::key).containsExactly(
                tuple(latest, "72"),                         // info of 72, region 71 known
                tuple(latest, "79"),                         // info of 79, region 72 not yet known
                tuple(latest, "82"),                         // null key taken from STATION_ID; no region_id
                tuple(enriched, "72"),                       // 72's status after its info (its first status was unknown: counted)
                tuple(enriched, "79"),                       // null-keyed status re-keyed
                tuple("station-enrichment.dlq", "82"),       // truncated JSON
                tuple(latest, "79"),                         // region 72 appears: 79 re-emitted with its name
                tuple(latest, "72"),                         // region 71 renamed: 72 re-emitted
                tuple(enriched, "72"),
                tuple(enriched, "82"));

        assertThat(out.get(0).valueAs(StationInfoLatest.class).regionName()).isEqualTo("Lower Manhattan");
        assertThat(out.get(1).valueAs(StationInfoLatest.class).regionName()).isNull();
        assertThat(out.get(2).valueAs(StationInfoLatest.class).station().name()).isEqualTo("St James Pl & Pearl St");
        StationEnriched first = out.get(3).valueAs(StationEnriched.class);
        assertThat(first.status().numBikesAvailable()).isEqualTo(30);
        assertThat(first.info().capacity()).isEqualTo(39);
        assertThat(first.regionName()).isEqualTo("Lower Manhattan");
        assertThat(first.status().lastReported()).isEqualTo(1751437250L);
        assertThat(out.get(4).valueAs(StationEnriched.class).regionName()).isNull();
        assertThat(out.get(5).headers()).containsEntry(DeadLetters.STAGE, "deserialization");
        assertThat(out.get(6).valueAs(StationInfoLatest.class).regionName()).isEqualTo("Tribeca");
        assertThat(out.get(7).valueAs(StationInfoLatest.class).regionName()).isEqualTo("Hell's Kitchen");
        assertThat(out.get(8).valueAs(StationEnriched.class).regionName()).isEqualTo("Hell's Kitchen");
        assertThat(out.get(8).valueAs(StationEnriched.class).status().numBikesAvailable()).isEqualTo(29);
        assertThat(out.get(9).valueAs(StationEnriched.class).status().numDocksAvailable()).isEqualTo(27);
    }

    /** The replay tool's output before the contracts refactor (commit 0a7af43), kept as the golden copy. */
    @Test
    void theSampleReplaysExactlyAsTheGoldenCopy() throws IOException {
        try (InputStream in = ReplaySampleTest.class.getResourceAsStream("/replay/expected.jsonl")) {
            assertThat(GoldenReplay.of(replay("/replay/input.jsonl"))).containsExactlyElementsOf(GoldenReplay.read(in));
        }
    }
}
