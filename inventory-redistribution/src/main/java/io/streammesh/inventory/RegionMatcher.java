package io.streammesh.inventory;

import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import io.streammesh.inventory.model.MembershipChange.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;

/**
 * Keeps {@code inventory.redistribution} equal to the valid pairs of the members it knows, one
 * station change at a time: it emits exactly the pairs of the changed station that appeared or
 * changed, a tombstone for each of its pairs that stopped holding, and nothing for the others.
 *
 * <p><b>Where pairs are computed.</b> Pair {@code S-D} is always computed and written by the task
 * that owns source S (the partition of S's station_id). A source's changes go only to its owner;
 * a destination's changes are broadcast to every task, so each holds all destinations. Every
 * update of a key {@code S-D} therefore comes from one task, in order, and a station moving between
 * regions (or a region being renamed) can never interleave a stale tombstone from the old region's
 * task with a fresh value from the new one's, as keying the matcher by region would allow.
 *
 * <p><b>Cost.</b> In a region with H sources and L destinations (up to H x L pairs): a source's
 * change scans the L destinations of its old and new region on its owner task; a destination's
 * change scans, on each of the P tasks, the sources that task owns in the region, H in total.
 * A station update is thus O(H + L) work (plus P small broadcast records), never a rebuild of the
 * region's H x L pairs; memory is O(H + L) per region per task, pairs themselves are not stored.
 */
public final class RegionMatcher {

    private final MemberIndex sources;
    private final MemberIndex destinations;

    /**
     * @param sources the sources this task owns
     * @param destinations all destinations
     */
    public RegionMatcher(MemberIndex sources, MemberIndex destinations) {
        this.sources = sources;
        this.destinations = destinations;
    }

    /** Applies one change and returns the pair updates it causes: key {@code S-D}, value or null (tombstone). */
    public List<KeyValue<String, RedistributionPair>> apply(MembershipChange change) {
        Role role = change.role();
        MemberIndex own = role == Role.SOURCE ? sources : destinations;
        MemberIndex counterparts = role == Role.SOURCE ? destinations : sources;
        // the stored member, not the change's "before", is what this task's pairs were computed from
        Member before = change.before() == null ? null : own.get(change.before().regionName(), change.stationId());
        Member after = change.after();
        List<Member> oldSide = before == null ? List.of() : counterparts.inRegion(before.regionName());
        List<Member> newSide = after == null ? List.of() : counterparts.inRegion(after.regionName());

        // The station's pairs before and after, by counterpart: the station is one side of every one
        // of its pairs, so a counterpart's station_id stands for the pair's key. Only the pairs to
        // emit are built (and their distance computed); an unchanged pair costs a comparison.
        Map<String, Member> paired = new LinkedHashMap<>();
        for (Member other : oldSide) {
            if (holds(role, before, other)) {
                paired.put(other.stationId(), other);
            }
        }
        List<Member> pairedNow = new ArrayList<>();
        Map<String, Member> stillPaired = new HashMap<>();
        for (Member other : newSide) {
            if (holds(role, after, other)) {
                pairedNow.add(other);
                Member was = paired.remove(other.stationId());
                if (was != null) {
                    stillPaired.put(other.stationId(), was);
                }
            }
        }

        List<KeyValue<String, RedistributionPair>> updates = new ArrayList<>();
        for (Member gone : paired.values()) {
            updates.add(KeyValue.pair(key(role, change.stationId(), gone.stationId()), null));
        }
        boolean sameButPosition = before != null && after != null && before.regionName().equals(after.regionName())
                && Objects.equals(before.name(), after.name()) && before.amount() == after.amount();
        boolean samePosition = sameButPosition && Double.compare(before.lat(), after.lat()) == 0
                && Double.compare(before.lon(), after.lon()) == 0;
        for (Member other : pairedNow) {
            Member was = stillPaired.get(other.stationId());
            if (was != null && samePosition && was.equals(other)) {
                continue; // the same two members: the same pair
            }
            RedistributionPair pair = pair(role, after, other);
            if (was == null || !pair.equals(pair(role, before, was))) {
                updates.add(KeyValue.pair(pair.key(), pair));
            }
        }

        // one write when the station stays in its region (the key is region and station)
        if (before != null && (after == null || !before.regionName().equals(after.regionName()))) {
            own.delete(before.regionName(), before.stationId());
        }
        if (after != null && !after.equals(before)) {
            own.put(after);
        }
        return updates;
    }

    private static boolean holds(Role role, Member member, Member other) {
        return role == Role.SOURCE ? Pairing.holds(member, other) : Pairing.holds(other, member);
    }

    private static RedistributionPair pair(Role role, Member member, Member other) {
        return role == Role.SOURCE ? Pairing.pair(member, other) : Pairing.pair(other, member);
    }

    private static String key(Role role, String stationId, String otherId) {
        return role == Role.SOURCE ? RedistributionPair.key(stationId, otherId) : RedistributionPair.key(otherId, stationId);
    }
}
