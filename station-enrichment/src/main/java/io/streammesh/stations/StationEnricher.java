package io.streammesh.stations;

import io.streammesh.stations.model.Region;
import io.streammesh.stations.model.StationEnriched;
import io.streammesh.stations.model.StationInfo;
import io.streammesh.stations.model.StationInfoLatest;
import io.streammesh.stations.model.StationStatus;

/** The two joins of station-enrichment (spec, "station-enrichment"), as plain functions. */
public final class StationEnricher {

    private StationEnricher() {
    }

    /** The info-latest row: the info as it is, plus its region's name, null when the region is unknown or unnamed. */
    public static StationInfoLatest latest(StationInfo info, Region region) {
        String regionName = region == null ? null : region.name();
        return new StationInfoLatest(info.stationId(), info.name(), info.shortName(), info.lat(), info.lon(),
                info.address(), info.crossStreet(), info.regionId(), info.postCode(), info.rentalMethods(),
                info.isVirtualStation(), info.stationArea(), info.parkingType(), info.parkingHoop(), info.contactPhone(),
                info.capacity(), info.vehicleCapacity(), info.isValetStation(), info.isChargingStation(), info.rentalUris(),
                info.vehicleTypeCapacity(), regionName);
    }

    /** The same row with another region name: what a renamed, appearing or deleted region does to its stations. */
    public static StationInfoLatest withRegionName(StationInfoLatest row, String regionName) {
        return new StationInfoLatest(row.stationId(), row.name(), row.shortName(), row.lat(), row.lon(), row.address(),
                row.crossStreet(), row.regionId(), row.postCode(), row.rentalMethods(), row.isVirtualStation(),
                row.stationArea(), row.parkingType(), row.parkingHoop(), row.contactPhone(), row.capacity(), row.vehicleCapacity(),
                row.isValetStation(), row.isChargingStation(), row.rentalUris(), row.vehicleTypeCapacity(), regionName);
    }

    /**
     * Info-latest fields plus status fields. The only name both carry is {@code station_id}, and the
     * status wins it (spec); they can differ only when a producer keyed a record by another id.
     */
    public static StationEnriched enrich(StationInfoLatest info, StationStatus status) {
        return new StationEnriched(status.stationId(), info.name(), info.shortName(), info.lat(), info.lon(),
                info.address(), info.crossStreet(), info.regionId(), info.postCode(),
                info.rentalMethods(), info.isVirtualStation(), info.stationArea(), info.parkingType(), info.parkingHoop(),
                info.contactPhone(), info.capacity(), info.vehicleCapacity(), info.isValetStation(),
                info.isChargingStation(), info.rentalUris(), info.vehicleTypeCapacity(), info.regionName(),
                status.numBikesAvailable(), status.vehicleTypesAvailable(), status.numBikesDisabled(),
                status.numDocksAvailable(), status.numDocksDisabled(), status.isInstalled(), status.isRenting(),
                status.isReturning(), status.lastReported(), status.vehicleDocksAvailable());
    }
}
