package io.streammesh.stations;

import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.bikeshare.StationStatus;

/** The two joins of station-enrichment (spec, "station-enrichment"), as plain functions. */
public final class StationEnricher {

    private StationEnricher() {
    }

    /** The info-latest row: the info as it is, plus its region's name, null when the region is unknown or unnamed. */
    public static StationInfoLatest latest(StationInfo info, Region region) {
        return new StationInfoLatest(info, region == null ? null : region.name());
    }

    /**
     * Info-latest fields plus status fields. The only name both carry is {@code station_id}; the
     * status wins it (spec), and since both sides are keyed by it through the key rule they agree.
     */
    public static StationEnriched enrich(StationInfoLatest row, StationStatus status) {
        return new StationEnriched(row, status);
    }
}
