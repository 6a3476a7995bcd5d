package io.streammesh.inventory;

import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.MembershipChange;

/** What one station update produces; each kind goes its own way in the topology. Never serialised. */
public sealed interface StationOutput {

    /** A row of {@code inventory.availability.high}; a null row is the station's tombstone. */
    record HighRow(Availability row) implements StationOutput {
    }

    /** A row of {@code inventory.availability.low}; a null row is the station's tombstone. */
    record LowRow(Availability row) implements StationOutput {
    }

    /** A change of the station's place in the pairing, for the matcher. */
    record Membership(MembershipChange change) implements StationOutput {
    }
}
