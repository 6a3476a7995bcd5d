package io.streammesh.inventory;

import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
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
        HighAvailability highBefore = before == null ? null : before.high();
        HighAvailability highAfter = after == null ? null : after.high();
        LowAvailability lowBefore = before == null ? null : before.low();
        LowAvailability lowAfter = after == null ? null : after.low();
        List<StationOutput> out = new ArrayList<>(4);
        // tombstones first: a station moving between the sets leaves one before it joins the other
        if (highBefore != null && highAfter == null) {
            out.add(new StationOutput.HighRow(null));
        }
        if (lowBefore != null && lowAfter == null) {
            out.add(new StationOutput.LowRow(null));
        }
        if (highAfter != null && !highAfter.equals(highBefore)) {
            out.add(new StationOutput.HighRow(highAfter));
        }
        if (lowAfter != null && !lowAfter.equals(lowBefore)) {
            out.add(new StationOutput.LowRow(lowAfter));
        }
        change(out, Role.SOURCE, Pairing.asSource(highBefore), Pairing.asSource(highAfter));
        change(out, Role.DESTINATION, Pairing.asDestination(lowBefore), Pairing.asDestination(lowAfter));
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
