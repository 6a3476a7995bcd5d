package io.streammesh.inventory;

import static io.streammesh.inventory.TestStations.installed;
import static io.streammesh.inventory.TestStations.station;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.inventory.model.Availability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StationAvailabilityTest {

    private static Availability classify(int cap, int bikes, int docks) {
        return StationAvailability.classify(station("s", "A", cap, bikes, docks));
    }

    @ParameterizedTest(name = "cap {0}, bikes {1}, docks {2} -> {3} {4}")
    @CsvSource({
            // cap 10: high from ROUND(7.5) = 8, low up to ROUND(2.5) = 3, FLOOR(10 / 2) = 5
            "10, 7, 3, none, 0",
            "10, 8, 2, high, 3",
            "10, 10, 0, high, 5",
            "10, 3, 7, low, 2",
            "10, 3, 2, low, 2",     // docks exactly FLOOR(cap/2) - bikes
            "10, 3, 1, none, 0",    // not enough docks for the shortage
            "10, 4, 6, none, 0",
            "10, 0, 5, low, 5",
            "10, 0, 4, none, 0",
            // cap 1: high from ROUND(0.75) = 1, low up to ROUND(0.25) = 0, FLOOR(0.5) = 0
            "1, 1, 0, high, 1",
            "1, 0, 1, low, 0",
            "1, 0, 0, low, 0",
            // cap 2: high from ROUND(1.5) = 2 (ties up), low up to ROUND(0.5) = 1, FLOOR(1) = 1
            "2, 2, 0, high, 1",
            "2, 1, 1, low, 0",
            "2, 0, 1, low, 1",
            "2, 0, 0, none, 0",
            // cap 3: high from ROUND(2.25) = 2, low up to ROUND(0.75) = 1, FLOOR(1.5) = 1
            "3, 2, 1, high, 1",
            "3, 3, 0, high, 2",
            "3, 1, 2, low, 0",
            "3, 0, 3, low, 1",
            "3, 0, 0, none, 0",
            // cap 6: high from ROUND(4.5) = 5 (ties up), low up to ROUND(1.5) = 2
            "6, 4, 2, none, 0",
            "6, 5, 1, high, 2",
            "6, 2, 4, low, 1",
            // bad data is classified by the formulas as written, not second-guessed
            "10, 12, 0, high, 7",
    })
    void thresholdsFollowTheSpecExactly(int cap, int bikes, int docks, String set, int amount) {
        Availability row = classify(cap, bikes, docks);
        switch (set) {
            case "high" -> {
                assertThat(row.high().surplus()).isEqualTo(amount);
                assertThat(row.low()).isNull();
            }
            case "low" -> {
                assertThat(row.low().shortage()).isEqualTo(amount);
                assertThat(row.high()).isNull();
            }
            default -> assertThat(row).isNull();
        }
    }

    @Test
    void rowCarriesTheStationAndItsPercentAvailableAsAFraction() {
        StationEnriched s = TestStations.at("s1", "Downtown", 40.1, -74.2, 10, 8, 2);
        Availability row = StationAvailability.classify(s);
        assertThat(row).isEqualTo(Availability.of(new HighAvailability(
                new AvailableStation("s1", "Station s1", "Downtown", 40.1, -74.2, 10, 8, 2), 3, 0.8)));
    }

    @ParameterizedTest(name = "{0} of {1} bikes -> {2}")
    @CsvSource({"8, 10, 0.8", "1, 3, 0.33", "2, 3, 0.67", "1, 8, 0.13", "0, 7, 0.0", "3, 8, 0.38", "10, 10, 1.0"})
    void percentAvailableIsRealDivisionRoundedHalfUpToTwoDecimals(int bikes, int cap, double expected) {
        // 1/8 = 0.125 and 3/8 = 0.375 are ties: ROUND goes up
        Availability row = StationAvailability.classify(station("s", "A", cap, bikes, cap));
        if (row != null) {
            assertThat(row.percentAvailable()).isEqualTo(expected);
        } else {
            // neither high nor low: the formula still holds for the rows that exist; check it directly
            assertThat(io.streammesh.common.formula.Formulas.round((double) bikes / cap, 2)).isEqualTo(expected);
        }
    }

    @Test
    void stationsWithoutCapacityOrNotInstalledAreNotConsidered() {
        assertThat(StationAvailability.classify(station("s", "A", 0, 0, 0))).isNull();
        assertThat(StationAvailability.exclusion(station("s", "A", 0, 0, 0))).isEqualTo("station-without-capacity");
        StationEnriched noCapacity = TestStations.of("s", "n", "A", 1.0, 1.0, null, 5, 5, true);
        assertThat(StationAvailability.classify(noCapacity)).isNull();
        assertThat(StationAvailability.exclusion(noCapacity)).isEqualTo("station-without-capacity");
        assertThat(StationAvailability.classify(station("s", "A", -5, 0, 0))).isNull();

        StationEnriched full = station("s", "A", 10, 10, 0);
        assertThat(StationAvailability.classify(installed(full, false))).isNull();
        assertThat(StationAvailability.exclusion(installed(full, false))).isEqualTo("station-not-installed");
        // "is_installed is not false": unknown counts as installed
        assertThat(StationAvailability.classify(installed(full, null))).isNotNull();
        assertThat(StationAvailability.exclusion(installed(full, null))).isNull();
    }

    @Test
    void aConsideredStationLackingAFieldTheRuleNeedsIsRejected() {
        assertThatThrownBy(() -> StationAvailability.classify(TestStations.of("s", "n", "A", 1.0, 1.0, 10, null, 5, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("num_bikes_available is missing");
        assertThatThrownBy(() -> StationAvailability.classify(TestStations.of("s", "n", "A", 1.0, 1.0, 10, 5, null, true)))
                .hasMessage("num_docks_available is missing");
        assertThatThrownBy(() -> StationAvailability.classify(TestStations.of("s", "n", "A", null, 1.0, 10, 5, 5, true)))
                .hasMessage("lat is missing");
        assertThatThrownBy(() -> StationAvailability.classify(TestStations.of("s", "n", "A", 1.0, null, 10, 5, 5, true)))
                .hasMessage("lon is missing");
        // not considered: nothing is needed
        assertThat(StationAvailability.classify(TestStations.of("s", null, null, null, null, 0, null, null, null))).isNull();
    }

    @Test
    void highAndLowNeverBothHold() {
        for (int cap = 1; cap <= 200_000; cap++) {
            assertThat(StationAvailability.highThreshold(cap)).as("cap %d", cap).isGreaterThan(StationAvailability.lowThreshold(cap));
        }
    }
}
