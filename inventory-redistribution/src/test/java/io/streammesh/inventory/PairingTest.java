package io.streammesh.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.formula.DistanceUnit;
import io.streammesh.common.formula.Formulas;
import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.inventory.model.Member;
import org.junit.jupiter.api.Test;

class PairingTest {

    private static Member source(String region, int surplus) {
        return new Member("S", region, "Source", 40.0, -74.0, surplus);
    }

    private static Member dest(String region, int shortage) {
        return new Member("D", region, "Dest", 40.01, -74.0, shortage);
    }

    @Test
    void surplusEqualToShortagePairs() {
        RedistributionPair pair = Pairing.pair(source("A", 3), dest("A", 3));
        assertThat(pair).isNotNull();
        assertThat(pair.key()).isEqualTo("S-D");
        assertThat(pair.sourceSurplus()).isEqualTo(3);
        assertThat(pair.destShortage()).isEqualTo(3);
        assertThat(pair.redistribution()).isEqualTo(3);
        assertThat(pair.regionName()).isEqualTo("A");
        assertThat(pair.sourceName()).isEqualTo("Source");
        assertThat(pair.destName()).isEqualTo("Dest");
    }

    @Test
    void surplusAboveShortagePairsAndMovesTheShortage() {
        assertThat(Pairing.pair(source("A", 7), dest("A", 2)).redistribution()).isEqualTo(2);
    }

    @Test
    void surplusBelowShortageDoesNotPair() {
        assertThat(Pairing.pair(source("A", 2), dest("A", 3))).isNull();
    }

    @Test
    void zeroShortageNeverPairs() {
        assertThat(Pairing.pair(source("A", 2), dest("A", 0))).isNull();
        LowAvailability lowWithoutShortage = new LowAvailability(new AvailableStation("D", "n", "A", 1, 1, 1, 0, 1), 0, 0.0);
        assertThat(Pairing.asDestination(lowWithoutShortage)).isNull();
    }

    @Test
    void differentRegionsNeverPair() {
        assertThat(Pairing.pair(source("A", 5), dest("B", 1))).isNull();
    }

    @Test
    void stationsWithoutRegionAreNoMembers() {
        assertThat(Pairing.asSource(new HighAvailability(new AvailableStation("S", "n", null, 1, 1, 10, 10, 0), 5, 1.0))).isNull();
        assertThat(Pairing.asDestination(new LowAvailability(new AvailableStation("D", "n", null, 1, 1, 10, 0, 10), 5, 0.0))).isNull();
        assertThat(Pairing.asSource(new HighAvailability(new AvailableStation("S", "n", "A", 1, 2, 10, 10, 0), 5, 1.0)))
                .isEqualTo(new Member("S", "A", "n", 1, 2, 5));
        assertThat(Pairing.asDestination(new LowAvailability(new AvailableStation("D", "n", "A", 1, 2, 10, 0, 10), 5, 0.0)))
                .isEqualTo(new Member("D", "A", "n", 1, 2, 5));
    }

    @Test
    void distanceIsMilesRoundedToTwoDecimals() {
        // one degree of longitude on the equator: 3959 * pi / 180 = 69.0970...
        Member s = new Member("S", "A", "s", 0.0, 0.0, 5);
        Member d = new Member("D", "A", "d", 0.0, 1.0, 5);
        assertThat(Pairing.pair(s, d).distance()).isEqualTo(69.1);
        // Jersey City stations about a mile apart
        Member s2 = new Member("S", "A", "s", 40.7196, -74.0434, 5);
        Member d2 = new Member("D", "A", "d", 40.7335, -74.0592, 5);
        double exact = Formulas.geoDistance(40.7196, -74.0434, 40.7335, -74.0592, DistanceUnit.MILES);
        assertThat(exact).isBetween(1.2, 1.3);
        assertThat(Pairing.pair(s2, d2).distance()).isEqualTo(Formulas.round(exact, 2));
        assertThat(Pairing.pair(s2, d2).distance() * 100).isEqualTo(Math.rint(Pairing.pair(s2, d2).distance() * 100));
    }
}
