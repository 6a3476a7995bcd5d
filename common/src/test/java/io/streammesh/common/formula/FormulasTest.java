package io.streammesh.common.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FormulasTest {

    @Test
    void geoDistanceMatchesHandComputedHaversine() {
        // New York City Hall (40.7128, -74.0060) to Philadelphia City Hall (39.9526, -75.1652):
        // dphi = -0.7602 deg, dlambda = -1.1592 deg; a = sin^2(dphi/2) + cos(phi1)cos(phi2)sin^2(dlambda/2)
        // = 1.0346785e-4; c = 2*atan2(sqrt a, sqrt(1-a)) = 0.02034418 rad -> 129.6128 km, 80.5426 miles
        double km = Formulas.geoDistance(40.7128, -74.0060, 39.9526, -75.1652, DistanceUnit.KM);
        double miles = Formulas.geoDistance(40.7128, -74.0060, 39.9526, -75.1652, DistanceUnit.MILES);
        assertThat(km).isCloseTo(129.6128, within(0.01));
        assertThat(miles).isCloseTo(80.5426, within(0.01));
    }

    @Test
    void geoDistanceOfOneDegreeOfLatitudeIsOneRadianOver180() {
        double km = Formulas.geoDistance(0, 0, 1, 0, DistanceUnit.KM);
        assertThat(km).isCloseTo(6371 * Math.PI / 180, within(1e-9)); // 111.19 km
        assertThat(Formulas.geoDistance(10, 20, 10, 20, DistanceUnit.MILES)).isZero();
    }

    @Test
    void unitsAreParsedAsKsqlDbAcceptsThem() {
        assertThat(DistanceUnit.parse("KM")).isEqualTo(DistanceUnit.KM);
        assertThat(DistanceUnit.parse("miles")).isEqualTo(DistanceUnit.MILES);
        assertThat(DistanceUnit.parse("MI")).isEqualTo(DistanceUnit.MILES);
        assertThatThrownBy(() -> DistanceUnit.parse("furlongs")).hasMessageContaining("KM");
    }

    @Test
    void roundToWholeNumberBreaksTiesTowardsPlusInfinity() {
        assertThat(Formulas.round(2.5)).isEqualTo(3);
        assertThat(Formulas.round(-2.5)).isEqualTo(-2);
        assertThat(Formulas.round(7.5)).isEqualTo(8);   // ROUND(10 * 0.75)
        assertThat(Formulas.round(2.4999)).isEqualTo(2);
        assertThat(Formulas.round(0.75)).isEqualTo(1);   // ROUND(1 * 0.75)
        assertThat(Formulas.round(0.25)).isEqualTo(0);   // ROUND(1 * 0.25)
    }

    @Test
    void roundToDecimalsUsesTheDecimalRepresentation() {
        assertThat(Formulas.round(0.125, 2)).isEqualTo(0.13);
        assertThat(Formulas.round(0.285, 2)).isEqualTo(0.29); // binary 0.28499999... would give 0.28
        assertThat(Formulas.round(1.005, 2)).isEqualTo(1.01);
        assertThat(Formulas.round(-0.125, 2)).isEqualTo(-0.12);
        assertThat(Formulas.round(2.0 / 3.0, 2)).isEqualTo(0.67);
        assertThat(Formulas.round(12.3449, 2)).isEqualTo(12.34);
    }

    @Test
    void floorIsMathFloor() {
        assertThat(Formulas.floor(5 / 2.0)).isEqualTo(2);
        assertThat(Formulas.floor(-0.5)).isEqualTo(-1);
        assertThat(Formulas.floor(3.0)).isEqualTo(3);
    }
}
