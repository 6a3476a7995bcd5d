package io.streammesh.common.topics;

import io.streammesh.common.topics.TopicSpec.Kind;
import java.util.List;
import java.util.Optional;

/** Every topic of {@code shared/spec/data-products.md}. Services never spell a topic name as a literal. */
public final class Topics {

    /** Every topic has this many partitions; it is also the most instances a service can usefully run. */
    public static final int PARTITIONS = 6;

    // Bike-share data mesh (GBFS)
    public static final TopicSpec STATIONS_INFO = new TopicSpec("stations.info", Kind.STREAM,
            "GBFS station_information, one record per station");
    public static final TopicSpec STATIONS_STATUS = new TopicSpec("stations.status", Kind.STREAM,
            "GBFS station_status, one record per station");
    public static final TopicSpec SYSTEM_REGIONS = new TopicSpec("system.regions", Kind.STREAM,
            "GBFS system_regions, one record per region");
    public static final TopicSpec CUSTOMERS_INFO = new TopicSpec("customers.info", Kind.STREAM,
            "Customer contact details");
    public static final TopicSpec CUSTOMERS_DEMOGRAPHICS = new TopicSpec("customers.demographics", Kind.STREAM,
            "Customer demographics");
    public static final TopicSpec STATIONS_INFO_LATEST = new TopicSpec("stations.info.latest", Kind.TABLE,
            "Latest station information per station, with its region name");
    public static final TopicSpec STATIONS_ENRICHED = new TopicSpec("stations.enriched", Kind.STREAM,
            "Every station status, enriched with the station's latest information and region");
    public static final TopicSpec CUSTOMERS_ENRICHED = new TopicSpec("customers.enriched", Kind.TABLE,
            "Customers with their contact details and demographics");
    public static final TopicSpec INVENTORY_AVAILABILITY_HIGH = new TopicSpec("inventory.availability.high", Kind.TABLE,
            "Stations with a surplus of bikes (at least 75% full)");
    public static final TopicSpec INVENTORY_AVAILABILITY_LOW = new TopicSpec("inventory.availability.low", Kind.TABLE,
            "Stations short of bikes (at most 25% full)");
    public static final TopicSpec INVENTORY_REDISTRIBUTION = new TopicSpec("inventory.redistribution", Kind.TABLE,
            "Current pairs of a surplus station and a shortage station in the same region, with the distance between them");

    // Service marketplace
    public static final TopicSpec ORDER_PLACED = new TopicSpec("order_placed", Kind.STREAM,
            "Orders customers placed for trade jobs");
    public static final TopicSpec JOB_CREATED = new TopicSpec("job_created", Kind.STREAM,
            "Jobs tradespeople created, with their minimum price");
    public static final TopicSpec JOB_STATUS = new TopicSpec("job_status", Kind.STREAM,
            "Each order matched to its job: ACCEPTED when the quote covers the price, else REJECTED");
    public static final TopicSpec JOBLOCATION = new TopicSpec("joblocation", Kind.TABLE,
            "Where each job takes place");
    public static final TopicSpec TRADIE_TRUCK_LOCATION = new TopicSpec("tradie_truck_location", Kind.STREAM,
            "Truck positions");
    public static final TopicSpec TRUCK_TRACKER = new TopicSpec("truck_tracker", Kind.TABLE,
            "Latest truck position per job, with distance to the destination and ETA");

    public static final List<TopicSpec> ALL = List.of(
            STATIONS_INFO, STATIONS_STATUS, SYSTEM_REGIONS, CUSTOMERS_INFO, CUSTOMERS_DEMOGRAPHICS,
            STATIONS_INFO_LATEST, STATIONS_ENRICHED, CUSTOMERS_ENRICHED,
            INVENTORY_AVAILABILITY_HIGH, INVENTORY_AVAILABILITY_LOW, INVENTORY_REDISTRIBUTION,
            ORDER_PLACED, JOB_CREATED, JOB_STATUS, JOBLOCATION, TRADIE_TRUCK_LOCATION, TRUCK_TRACKER);

    private Topics() {
    }

    public static Optional<TopicSpec> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The dead-letter topic of an application (spec: {@code <application.id>.dlq}). */
    public static TopicSpec deadLetter(String applicationId) {
        return new TopicSpec(applicationId + ".dlq", Kind.STREAM,
                "Records " + applicationId + " could not process, with headers saying where they came from and why");
    }

    /** A topic of the catalog, a dead-letter topic, or (for anything else) a plain stream. */
    public static TopicSpec spec(String name) {
        return find(name).orElseGet(() -> name.endsWith(".dlq")
                ? deadLetter(name.substring(0, name.length() - 4))
                : new TopicSpec(name, Kind.STREAM, ""));
    }
}
