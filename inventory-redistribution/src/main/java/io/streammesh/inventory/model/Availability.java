package io.streammesh.inventory.model;

import io.streammesh.contracts.bikeshare.AvailableStation;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;

/**
 * A station's place in the two availability tables, as the per-station store keeps it: its row in
 * {@code inventory.availability.high} or in {@code .low}, exactly one of them. The rows are the
 * contract's records; this only says which of the two the station is in.
 */
public record Availability(HighAvailability high, LowAvailability low) {

    public Availability {
        if ((high == null) == (low == null)) {
            throw new IllegalArgumentException("a station is in the high set or the low set, not both or neither");
        }
    }

    public static Availability of(HighAvailability high) {
        return new Availability(high, null);
    }

    public static Availability of(LowAvailability low) {
        return new Availability(null, low);
    }

    public AvailableStation station() {
        return high != null ? high.station() : low.station();
    }

    public double percentAvailable() {
        return high != null ? high.percentAvailable() : low.percentAvailable();
    }
}
