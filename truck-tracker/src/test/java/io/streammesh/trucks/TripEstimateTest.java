package io.streammesh.trucks;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.TruckLocation;
import io.streammesh.contracts.marketplace.TruckTracker;
import org.junit.jupiter.api.Test;

class TripEstimateTest {

    @Test
    void distanceIsTheHaversineKilometresRoundedToTwoDecimals() {
        // 0.01 degree of latitude: 6371 km x 0.01 x pi / 180 = 1.11195 km
        assertThat(TripEstimate.distanceFromDestination(0.01, 0, 0, 0)).isEqualTo(1.11);
        // 0.012 deg north (1.334 km) and 0.006 deg east at 33.86 S (0.554 km): 1.4448 km
        assertThat(TripEstimate.distanceFromDestination(-33.8688, 151.2093, -33.8568, 151.2153)).isEqualTo(1.44);
        assertThat(TripEstimate.distanceFromDestination(-33.9, 151.1, -33.8, 151.25)).isEqualTo(17.76);
        assertThat(TripEstimate.distanceFromDestination(-33.85, 151.2, -33.85, 151.2)).isZero();
    }

    @Test
    void etaIsTheLargerCoordinateGapOverHalfAHundredthOfADegreeTimesTwo() {
        assertThat(TripEstimate.DEGREES_PER_TWO_SECONDS).isEqualTo(0.005);
        assertThat(TripEstimate.etaSeconds(0.01, 0, 0, 0)).isEqualTo(4.0);
        // the latitude gap 0.012 beats the longitude gap 0.006: 0.012 / 0.005 * 2
        assertThat(TripEstimate.etaSeconds(-33.8688, 151.2093, -33.8568, 151.2153)).isEqualTo(4.8);
        // the longitude gap 0.15 beats the latitude gap 0.1
        assertThat(TripEstimate.etaSeconds(-33.9, 151.1, -33.8, 151.25)).isEqualTo(60.0);
        assertThat(TripEstimate.etaSeconds(0.001234, 0, 0, 0)).isEqualTo(0.49);
        assertThat(TripEstimate.etaSeconds(5, 5, 5, 5)).isZero();
    }

    @Test
    void aRowCarriesTheTruckTheDestinationAndTheTimestamp() {
        TruckTracker row = TripEstimate.row(new TruckLocation("7", "EN_ROUTE", 0.01, 0.0, "truck-1"),
                new JobLocation("7", "Ann", "ann@example.com", "1 Main St", 0.0, 0.0, 1L), 1234L);
        assertThat(row).isEqualTo(new TruckTracker("7", "truck-1", "EN_ROUTE", 0.01, 0.0, 0.0, 0.0, 1.11, 4.0, 1234L));
    }
}
