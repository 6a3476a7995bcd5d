package io.streammesh.trucks;

import io.streammesh.common.formula.DistanceUnit;
import io.streammesh.common.formula.Formulas;
import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.TruckLocation;
import io.streammesh.contracts.marketplace.TruckTracker;

/** How far a truck is from its job and when it gets there (spec, "truck-tracker"). */
public final class TripEstimate {

    /**
     * The original's ETA divisor, {@code 0.5/10/10} degrees: a truck is taken to cover that much of the
     * larger of its latitude and longitude gaps every 2 seconds.
     */
    static final double DEGREES_PER_TWO_SECONDS = 0.5 / 10 / 10;

    private TripEstimate() {
    }

    /** {@code ROUND(GEO_DISTANCE(lat, long, dest_lat, dest_long, 'KM'), 2)}. */
    public static double distanceFromDestination(double lat, double lon, double destLat, double destLong) {
        return Formulas.round(Formulas.geoDistance(lat, lon, destLat, destLong, DistanceUnit.KM), 2);
    }

    /** {@code ROUND(MAX(|lat - dest_lat|, |long - dest_long|) / (0.5/10/10) * 2, 2)}. */
    public static double etaSeconds(double lat, double lon, double destLat, double destLong) {
        double gap = Math.max(Math.abs(lat - destLat), Math.abs(lon - destLong));
        return Formulas.round(gap / DEGREES_PER_TWO_SECONDS * 2, 2);
    }

    /** The tracker row for a truck position of the job at {@code location}, reported at {@code timestamp}. */
    public static TruckTracker row(TruckLocation truck, JobLocation location, long timestamp) {
        return new TruckTracker(truck.jobId(), truck.vehicleId(), truck.state(), truck.lat(), truck.lon(),
                location.destLat(), location.destLong(),
                distanceFromDestination(truck.lat(), truck.lon(), location.destLat(), location.destLong()),
                etaSeconds(truck.lat(), truck.lon(), location.destLat(), location.destLong()),
                timestamp);
    }
}
