package io.streammesh.inventory;

import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.inventory.model.MembershipChange;

/** What one station update produces; each kind goes its own way in the topology. Never serialised. */
public sealed interface StationOutput {

    /** A row of {@code inventory.availability.high}; a null row is the station's tombstone. */
    record HighRow(HighAvailability row) implements StationOutput {
    }

    /** A row of {@code inventory.availability.low}; a null row is the station's tombstone. */
    record LowRow(LowAvailability row) implements StationOutput {
    }

    /** A change of the station's place in the pairing, for the matcher. */
    record Membership(MembershipChange change) implements StationOutput {
    }
}
