package io.streammesh.inventory;

import io.streammesh.inventory.model.Member;
import io.streammesh.inventory.model.MembershipChange;
import io.streammesh.inventory.model.MembershipChange.Role;
import io.streammesh.inventory.model.RedistributionPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        MemberIndex own = change.role() == Role.SOURCE ? sources : destinations;
        // the stored member, not the change's "before", is what this task's pairs were computed from
        Member before = change.before() == null ? null : own.get(change.before().regionName(), change.stationId());
        Member after = change.after();

        Map<String, RedistributionPair> old = pairsOf(change.role(), before);
        Map<String, RedistributionPair> now = pairsOf(change.role(), after);
        if (before != null) {
            own.delete(before.regionName(), before.stationId());
        }
        if (after != null) {
            own.put(after);
        }

        List<KeyValue<String, RedistributionPair>> updates = new ArrayList<>();
        for (String key : old.keySet()) {
            if (!now.containsKey(key)) {
                updates.add(KeyValue.pair(key, null));
            }
        }
        now.forEach((key, pair) -> {
            if (!pair.equals(old.get(key))) {
                updates.add(KeyValue.pair(key, pair));
            }
        });
        return updates;
    }

    /** The valid pairs the member is part of, among the counterparts this task knows in its region. */
    private Map<String, RedistributionPair> pairsOf(Role role, Member member) {
        Map<String, RedistributionPair> pairs = new LinkedHashMap<>();
        if (member == null) {
            return pairs;
        }
        MemberIndex counterparts = role == Role.SOURCE ? destinations : sources;
        for (Member other : counterparts.inRegion(member.regionName())) {
            RedistributionPair pair = role == Role.SOURCE ? Pairing.pair(member, other) : Pairing.pair(other, member);
            if (pair != null) {
                pairs.put(pair.key(), pair);
            }
        }
        return pairs;
    }
}
