package io.streammesh.inventory;

import io.streammesh.inventory.model.Member;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link MemberIndex} on a key-value store keyed {@code <length of region>:<region>:<station_id>},
 * so one region's members are one prefix scan and no region name, whatever its characters, can
 * be a prefix of another's keys.
 */
final class StoreMemberIndex implements MemberIndex {

    private static final StringSerializer KEYS = new StringSerializer();
    private final KeyValueStore<String, Member> store;

    StoreMemberIndex(KeyValueStore<String, Member> store) {
        this.store = store;
    }

    static String regionPrefix(String regionName) {
        return regionName.length() + ":" + regionName + ":";
    }

    static String key(String regionName, String stationId) {
        return regionPrefix(regionName) + stationId;
    }

    @Override
    public Member get(String regionName, String stationId) {
        return store.get(key(regionName, stationId));
    }

    @Override
    public void put(Member member) {
        store.put(key(member.regionName(), member.stationId()), member);
    }

    @Override
    public void delete(String regionName, String stationId) {
        store.delete(key(regionName, stationId));
    }

    @Override
    public List<Member> inRegion(String regionName) {
        List<Member> members = new ArrayList<>();
        try (KeyValueIterator<String, Member> it = store.prefixScan(regionPrefix(regionName), KEYS)) {
            it.forEachRemaining(kv -> members.add(kv.value));
        }
        return members;
    }
}
