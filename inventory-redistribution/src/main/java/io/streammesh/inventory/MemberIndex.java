package io.streammesh.inventory;

import io.streammesh.inventory.model.Member;
import java.util.List;

/** The members of one role (sources or destinations) a matcher knows, by region. */
public interface MemberIndex {

    Member get(String regionName, String stationId);

    void put(Member member);

    void delete(String regionName, String stationId);

    /** All members of the region; cost proportional to their number. */
    List<Member> inRegion(String regionName);
}
