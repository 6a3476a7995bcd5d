package io.streammesh.contracts.bikeshare;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.streammesh.contracts.Required;
import java.util.ArrayList;
import java.util.List;

/**
 * A value of {@code inventory.redistribution}, key {@code <source_station_id>-<dest_station_id>}:
 * move {@code redistribution} bikes from a surplus station to a shortage station of the same region.
 */
public record RedistributionPair(
        @Required @JsonPropertyDescription("the high station bikes are taken from") String sourceStationId,
        @Required @JsonPropertyDescription("the low station bikes are brought to") String destStationId,
        @Required @JsonPropertyDescription("the region both stations are in") String regionName,
        String sourceName,
        String destName,
        @JsonPropertyDescription("num_bikes_available - FLOOR(capacity / 2) of the source") int sourceSurplus,
        @JsonPropertyDescription("FLOOR(capacity / 2) - num_bikes_available of the destination, > 0") int destShortage,
        @JsonPropertyDescription("bikes to move: dest_shortage") int redistribution,
        @JsonPropertyDescription("ROUND(GEO_DISTANCE(source, dest, 'miles'), 2): haversine, earth radius 3959 miles") double distance) {

    public static String key(String sourceStationId, String destStationId) {
        return sourceStationId + "-" + destStationId;
    }

    public String key() {
        return key(sourceStationId, destStationId);
    }

    /**
     * The source station ids a pair key may start with: every part before a {@code -}, since station
     * ids may hold dashes themselves (GBFS ids are often UUIDs).
     */
    public static List<String> sources(String key) {
        List<String> candidates = new ArrayList<>();
        for (int i = key.indexOf('-'); i > 0; i = key.indexOf('-', i + 1)) {
            candidates.add(key.substring(0, i));
        }
        return candidates;
    }
}
