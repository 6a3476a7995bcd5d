package io.streammesh.inventory;

import io.streammesh.inventory.model.Availability;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import io.streammesh.inventory.model.MembershipChange.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a station's move from one classification to the next changes downstream, and nothing more:
 * the high and low tables get a row when the station's row changed and a tombstone when it left the
 * set; the matcher hears about the station only when its membership as a source or a destination
 * changed (set, region, name, position, amount). An unchanged station produces nothing, so an
 * unchanged pair is never re-emitted and a repeated status costs no matching.
 */
public final class StationTransition {

    /**
     * @param before the station's previous row (null: in neither set)
     * @param after its row now (null: in neither set)
     */
    public static List<StationOutput> between(Availability before, Availability after) {
        List<StationOutput> out = new ArrayList<>(4);
        boolean wasHigh = before != null && before.inHighSet();
        boolean wasLow = before != null && before.inLowSet();
        boolean isHigh = after != null && after.inHighSet();
        boolean isLow = after != null && after.inLowSet();
        if (wasHigh && !isHigh) {
            out.add(new StationOutput.HighRow(null));
        }
        if (wasLow && !isLow) {
            out.add(new StationOutput.LowRow(null));
        }
        if (isHigh && !after.equals(before)) {
            out.add(new StationOutput.HighRow(after));
        }
        if (isLow && !after.equals(before)) {
            out.add(new StationOutput.LowRow(after));
        }
        change(out, Role.SOURCE, Pairing.asSource(before), Pairing.asSource(after));
        change(out, Role.DESTINATION, Pairing.asDestination(before), Pairing.asDestination(after));
        return out;
    }

    private static void change(List<StationOutput> out, Role role, Member before, Member after) {
        if (!Objects.equals(before, after)) {
            String stationId = after != null ? after.stationId() : before.stationId();
            out.add(new StationOutput.Membership(new MembershipChange(role, stationId, before, after)));
        }
    }

    private StationTransition() {
    }
}
