package io.streammesh.producers.gbfs;

import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class GbfsSimulatorPropertiesTest {

    /**
     * The dock invariant of GBFS: at every station, in every one of 10,000 ticks (about a week of
     * one-minute ticks), available and disabled bikes and docks add up to at most the capacity (the
     * simulator keeps them equal), nothing is negative, and no bike appears or vanishes.
     */
    @Property(tries = 12)
    void docksStayConsistentAndBikesAreConservedOverTenThousandTicks(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 8) int regions,
            @ForAll @IntRange(min = 0, max = 150) int extraStations,
            @ForAll @IntRange(min = 1, max = 15) int tickMinutes,
            @ForAll @LongRange(min = 0, max = 7 * 24) long startHour) {
        int stations = 2 * regions + extraStations;
        GbfsSimulator sim = new GbfsSimulator(new GbfsSimulator.Settings(seed, stations, regions,
                Instant.parse("2025-06-02T00:00:00Z").plus(Duration.ofHours(startHour)), Duration.ofMinutes(tickMinutes),
                GbfsSimulator.DEFAULT_ZONE));
        Map<String, Integer> capacity = sim.stationInfos().stream()
                .collect(Collectors.toMap(StationInfo::stationId, StationInfo::capacity));
        int bikes = sim.totalBikes();
        for (int t = 0; t < 10_000; t++) {
            List<StationStatus> statuses = sim.tick();
            assertThat(statuses).hasSize(stations);
            for (StationStatus s : statuses) {
                int cap = capacity.get(s.stationId());
                if (s.numBikesAvailable() < 0 || s.numBikesDisabled() < 0 || s.numDocksAvailable() < 0 || s.numDocksDisabled() < 0
                        || s.numBikesAvailable() + s.numBikesDisabled() + s.numDocksAvailable() + s.numDocksDisabled() > cap) {
                    throw new AssertionError("tick " + t + ": station " + s + " breaks the dock invariant (capacity " + cap + ")");
                }
            }
            if (sim.totalBikes() != bikes) {
                throw new AssertionError("tick " + t + ": " + sim.totalBikes() + " bikes, expected " + bikes);
            }
        }
    }
}
