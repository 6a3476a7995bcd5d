package io.streammesh.inventory;

import io.streammesh.inventory.model.Member;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's members of one role in memory, by region, in front of the store that remains their
 * source of truth (changelogged, restored after a failover). Built from the store when the task's
 * processor starts, which Kafka Streams does once the store is restored, and written through on
 * every change, so a region's scan costs no store iteration and no deserialisation.
 * Within a region the members are in station_id order. The store is keyed
 * {@code <length of region>:<region>:<station_id>}, so no region name, whatever its characters, is a
 * prefix of another's keys.
 */
final class CachedMemberIndex implements MemberIndex {

    private final KeyValueStore<String, Member> store;
    private final Map<String, TreeMap<String, Member>> byRegion = new HashMap<>();
    /** The regions' member lists as last returned, until the region changes (the other role's changes read them). */
    private final Map<String, List<Member>> lists = new HashMap<>();

    CachedMemberIndex(KeyValueStore<String, Member> store) {
        this.store = store;
        try (KeyValueIterator<String, Member> it = store.all()) {
            it.forEachRemaining(kv -> remember(kv.value));
        }
    }

    static String key(String regionName, String stationId) {
        return regionName.length() + ":" + regionName + ":" + stationId;
    }

    private void remember(Member member) {
        lists.remove(member.regionName());
        byRegion.computeIfAbsent(member.regionName(), r -> new TreeMap<>()).put(member.stationId(), member);
    }

    @Override
    public Member get(String regionName, String stationId) {
        TreeMap<String, Member> region = byRegion.get(regionName);
        return region == null ? null : region.get(stationId);
    }

    @Override
    public void put(Member member) {
        store.put(key(member.regionName(), member.stationId()), member);
        remember(member);
    }

    @Override
    public void delete(String regionName, String stationId) {
        store.delete(key(regionName, stationId));
        TreeMap<String, Member> region = byRegion.get(regionName);
        lists.remove(regionName);
        if (region != null) {
            region.remove(stationId);
            if (region.isEmpty()) {
                byRegion.remove(regionName);
            }
        }
    }

    @Override
    public List<Member> inRegion(String regionName) {
        TreeMap<String, Member> region = byRegion.get(regionName);
        if (region == null) {
            return List.of();
        }
        return lists.computeIfAbsent(regionName, r -> Collections.unmodifiableList(new ArrayList<>(region.values())));
    }
}
