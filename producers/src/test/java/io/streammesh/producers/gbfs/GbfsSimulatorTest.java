package io.streammesh.producers.gbfs;

import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.bikeshare.Region;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammesh.common.formula.Formulas;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GbfsSimulatorTest {

    /** inventory-redistribution's rules (spec), to check the simulator feeds them both kinds of stations. */
    static boolean high(int capacity, StationStatus s) {
        return capacity > 0 && s.numBikesAvailable() >= Formulas.round(capacity * 0.75);
    }

    static boolean low(int capacity, StationStatus s) {
        return capacity > 0 && s.numBikesAvailable() <= Formulas.round(capacity * 0.25)
                && s.numDocksAvailable() >= Formulas.floor(capacity / 2.0) - s.numBikesAvailable();
    }

    @Test
    void stationsAndRegionsLookLikeACitysBikeShare() {
        GbfsSimulator sim = new GbfsSimulator(42, 300, 5);
        assertThat(sim.regions()).hasSize(5).extracting(Region::name).doesNotHaveDuplicates().doesNotContainNull();
        List<StationInfo> infos = sim.stationInfos();
        assertThat(infos).hasSize(300);
        assertThat(infos).extracting(StationInfo::stationId).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).doesNotContain("-")); // inventory pairs are keyed "<source>-<dest>"
        assertThat(infos).allSatisfy(i -> {
            assertThat(i.capacity()).isBetween(GbfsSimulator.MIN_CAPACITY, GbfsSimulator.MAX_CAPACITY);
            assertThat(i.lat()).isBetween(GbfsSimulator.SOUTH, GbfsSimulator.NORTH);
            assertThat(i.lon()).isBetween(GbfsSimulator.WEST, GbfsSimulator.EAST);
            assertThat(i.name()).contains(" & ");
            assertThat(i.regionId()).isIn(sim.regions().stream().map(Region::regionId).toList());
        });
        assertThat(infos.stream().collect(Collectors.groupingBy(StationInfo::regionId, Collectors.counting())).values())
                .containsOnly(60L);
        Set<Integer> capacities = infos.stream().map(StationInfo::capacity).collect(Collectors.toSet());
        assertThat(capacities.size()).as("capacities vary").isGreaterThan(20);
    }

    @Test
    void theSameSeedGivesTheSameSystemAndTheSameRides() {
        GbfsSimulator a = new GbfsSimulator(7, 120, 4);
        GbfsSimulator b = new GbfsSimulator(7, 120, 4);
        assertThat(a.stationInfos()).isEqualTo(b.stationInfos());
        for (int i = 0; i < 200; i++) {
            assertThat(a.tick()).isEqualTo(b.tick());
        }
        GbfsSimulator c = new GbfsSimulator(8, 120, 4);
        assertThat(c.stationInfos()).isNotEqualTo(a.stationInfos());
    }

    @Test
    void eachTickAdvancesTheClockAndReportsEveryStation() {
        GbfsSimulator sim = new GbfsSimulator(1, 20, 2);
        List<StationStatus> first = sim.tick();
        assertThat(sim.now()).isEqualTo(GbfsSimulator.DEFAULT_START.plusSeconds(60));
        assertThat(first).hasSize(20).allSatisfy(s -> {
            assertThat(s.lastReported()).isEqualTo(sim.now().getEpochSecond());
            assertThat(s.isInstalled()).isTrue();
        });
        assertThat(first).extracting(StationStatus::stationId)
                .containsExactlyElementsOf(sim.stationInfos().stream().map(StationInfo::stationId).toList());
        assertThat(sim.ticks()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {42, 1, 2, 3, 1234567})
    void everyRegionHasHighAndLowStationsWithinTheFirstSimulatedHour(long seed) {
        GbfsSimulator sim = new GbfsSimulator(seed, GbfsSimulator.DEFAULT_STATIONS, GbfsSimulator.DEFAULT_REGIONS);
        Map<String, StationInfo> info = byId(sim.stationInfos());
        Set<String> regionsWithHigh = new HashSet<>();
        Set<String> regionsWithLow = new HashSet<>();
        for (int minute = 0; minute < 60; minute++) {
            for (StationStatus s : sim.tick()) {
                StationInfo i = info.get(s.stationId());
                if (high(i.capacity(), s)) {
                    regionsWithHigh.add(i.regionId());
                }
                if (low(i.capacity(), s)) {
                    regionsWithLow.add(i.regionId());
                }
            }
        }
        Set<String> all = sim.regions().stream().map(Region::regionId).collect(Collectors.toSet());
        assertThat(regionsWithHigh).isEqualTo(all);
        assertThat(regionsWithLow).isEqualTo(all);
    }

    @Test
    void rushHoursMoveBikesSoStationsCrossTheThresholdsBothWays() {
        GbfsSimulator sim = new GbfsSimulator(42, 300, 5);
        Map<String, StationInfo> info = byId(sim.stationInfos());
        Map<String, Boolean> wasHigh = new HashMap<>();
        Set<String> becameHigh = new HashSet<>();
        Set<String> becameLow = new HashSet<>();
        Map<String, Boolean> wasLow = new HashMap<>();
        for (StationStatus s : sim.statuses()) {
            wasHigh.put(s.stationId(), high(info.get(s.stationId()).capacity(), s));
            wasLow.put(s.stationId(), low(info.get(s.stationId()).capacity(), s));
        }
        double[] fillAt10 = null;
        for (int minute = 1; minute <= 24 * 60; minute++) {
            List<StationStatus> statuses = sim.tick();
            for (StationStatus s : statuses) {
                int cap = info.get(s.stationId()).capacity();
                boolean h = high(cap, s);
                boolean l = low(cap, s);
                if (h && !wasHigh.get(s.stationId())) {
                    becameHigh.add(s.stationId());
                }
                if (l && !wasLow.get(s.stationId())) {
                    becameLow.add(s.stationId());
                }
                wasHigh.put(s.stationId(), h);
                wasLow.put(s.stationId(), l);
            }
            if (minute == 3 * 60) { // 10:00, after the morning rush
                fillAt10 = fillByKind(sim, statuses);
            }
            if (minute == 12 * 60) { // 19:00, after the evening rush
                double[] fillAt19 = fillByKind(sim, statuses);
                assertThat(fillAt19[GbfsSimulator.Kind.RESIDENTIAL.ordinal()]).isGreaterThan(fillAt19[GbfsSimulator.Kind.BUSINESS.ordinal()]);
            }
        }
        assertThat(fillAt10[GbfsSimulator.Kind.BUSINESS.ordinal()]).isGreaterThan(fillAt10[GbfsSimulator.Kind.RESIDENTIAL.ordinal()]);
        // a day of rides turns a good share of stations from not-high to high and from not-low to low
        assertThat(becameHigh.size()).isGreaterThan(60);
        assertThat(becameLow.size()).isGreaterThan(60);
        assertThat(sim.now()).isEqualTo(GbfsSimulator.DEFAULT_START.plus(Duration.ofDays(1)));
    }

    @Test
    void bikesAreConservedAndDocksNeverExceedCapacityOverADayAtTenThousandStations() {
        GbfsSimulator sim = new GbfsSimulator(new GbfsSimulator.Settings(3, 10_000, 12, Instant.parse("2025-06-02T04:00:00Z"),
                Duration.ofMinutes(5), GbfsSimulator.DEFAULT_ZONE));
        Map<String, Integer> capacity = sim.stationInfos().stream().collect(Collectors.toMap(StationInfo::stationId, StationInfo::capacity));
        int bikes = sim.totalBikes();
        for (int i = 0; i < 24 * 12; i++) {
            for (StationStatus s : sim.tick()) {
                assertThat(s.numBikesAvailable() + s.numBikesDisabled() + s.numDocksAvailable() + s.numDocksDisabled())
                        .isEqualTo(capacity.get(s.stationId()));
            }
        }
        assertThat(sim.totalBikes()).isEqualTo(bikes);
        assertThat(sim.regions()).hasSize(12);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new GbfsSimulator(1, 5, 3)).hasMessageContaining("at least twice the regions");
        assertThatThrownBy(() -> new GbfsSimulator(1, 5, 0)).hasMessageContaining("regions must be at least 1");
        assertThatThrownBy(() -> new GbfsSimulator.Settings(1, 10, 1, Instant.EPOCH, Duration.ofMillis(10), GbfsSimulator.DEFAULT_ZONE))
                .hasMessageContaining("tick");
    }

    private static double[] fillByKind(GbfsSimulator sim, List<StationStatus> statuses) {
        Map<String, StationInfo> info = byId(sim.stationInfos());
        double[] sum = new double[3];
        int[] count = new int[3];
        for (StationStatus s : statuses) {
            GbfsSimulator.Kind kind = sim.kindOf(s.stationId());
            sum[kind.ordinal()] += (double) s.numBikesAvailable() / info.get(s.stationId()).capacity();
            count[kind.ordinal()]++;
        }
        return new double[] {sum[0] / count[0], sum[1] / count[1], sum[2] / count[2]};
    }

    static Map<String, StationInfo> byId(List<StationInfo> infos) {
        return infos.stream().collect(Collectors.toMap(StationInfo::stationId, Function.identity()));
    }
}
