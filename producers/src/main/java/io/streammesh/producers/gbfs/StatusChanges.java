package io.streammesh.producers.gbfs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.bikeshare.StationStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * The contract's change-only rule for {@code stations.status}: a station's status is published when
 * it changed. One whose {@code last_reported} is not newer than the last one published for that
 * station, and whose other fields are equal, is not published again. A station that leaves the feed
 * and comes back is compared with what was last published for it.
 */
final class StatusChanges {

    /** The last status published per station: its last_reported, and the rest as the JSON it was written as. */
    private record Published(Long lastReported, ObjectNode fields) {
    }

    private static final String LAST_REPORTED = "last_reported";

    private final Map<String, Published> published = new HashMap<>();

    /** True when {@code status} must be published by the rule; either way it is remembered as published when true. */
    boolean changed(StationStatus status) {
        Published candidate = of(status);
        Published previous = published.get(status.stationId());
        boolean changed = previous == null || newer(candidate.lastReported(), previous.lastReported())
                || !candidate.fields().equals(previous.fields());
        if (changed) {
            published.put(status.stationId(), candidate);
        }
        return changed;
    }

    /** Remembers {@code status} as published whatever the rule says (publishing every fetch). */
    void published(StationStatus status) {
        published.put(status.stationId(), of(status));
    }

    private static boolean newer(Long candidate, Long previous) {
        return candidate != null && (previous == null || candidate > previous);
    }

    // compared as written, so a field added to the record is compared without a change here
    private static Published of(StationStatus status) {
        ObjectNode fields = Json.MAPPER.valueToTree(status);
        fields.remove(LAST_REPORTED);
        return new Published(status.lastReported(), fields);
    }
}
