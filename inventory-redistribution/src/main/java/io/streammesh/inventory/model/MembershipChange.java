package io.streammesh.inventory.model;

/**
 * One station's change as a source or as a destination of pairs, from the per-station stage to
 * the matcher: its membership before and after ({@code null} = not a member), so a move between
 * regions is one record that leaves the old region and joins the new one.
 */
public record MembershipChange(Role role, String stationId, Member before, Member after) {

    public enum Role {
        /** A high station with a region: surplus bikes to give. */
        SOURCE,
        /** A low station with a region and a shortage above zero: bikes to receive. */
        DESTINATION
    }

    public MembershipChange {
        if (role == null || stationId == null) {
            throw new IllegalArgumentException("a membership change needs a role and a station_id");
        }
    }
}
