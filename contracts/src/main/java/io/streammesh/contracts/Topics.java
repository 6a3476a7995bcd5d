package io.streammesh.contracts;

import io.streammesh.contracts.Topic.Kind;
import io.streammesh.contracts.bikeshare.CustomerDemographics;
import io.streammesh.contracts.bikeshare.CustomerEnriched;
import io.streammesh.contracts.bikeshare.CustomerInfo;
import io.streammesh.contracts.bikeshare.HighAvailability;
import io.streammesh.contracts.bikeshare.LowAvailability;
import io.streammesh.contracts.bikeshare.RedistributionPair;
import io.streammesh.contracts.bikeshare.Region;
import io.streammesh.contracts.bikeshare.StationEnriched;
import io.streammesh.contracts.bikeshare.StationInfo;
import io.streammesh.contracts.bikeshare.StationInfoLatest;
import io.streammesh.contracts.bikeshare.StationStatus;
import io.streammesh.contracts.marketplace.JobCreated;
import io.streammesh.contracts.marketplace.JobLocation;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.contracts.marketplace.OrderPlaced;
import io.streammesh.contracts.marketplace.TruckLocation;
import io.streammesh.contracts.marketplace.TruckTracker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry: every topic of the contract ({@code docs/data-products.md}), with its record, serde
 * and key. Nothing in the suite spells a topic name as a literal.
 */
public final class Topics {

    /** Every topic has this many partitions; it is also the most instances a service can usefully run. */
    public static final int PARTITIONS = 6;

    static final String PRODUCERS_PREFIX = "producers ";

    // Bike-share data mesh (GBFS)
    public static final Topic<StationInfo> STATIONS_INFO = Topic.json("stations.info", Kind.STREAM,
            StationInfo.class, "station_id", StationInfo::stationId, "producers gbfs",
            "GBFS station_information, one record per station");
    public static final Topic<StationStatus> STATIONS_STATUS = Topic.json("stations.status", Kind.STREAM,
            StationStatus.class, "station_id", StationStatus::stationId, "producers gbfs",
            "GBFS station_status, one record per station");
    public static final Topic<Region> SYSTEM_REGIONS = Topic.json("system.regions", Kind.STREAM,
            Region.class, "region_id", Region::regionId, "producers gbfs",
            "GBFS system_regions, one record per region");
    public static final Topic<CustomerInfo> CUSTOMERS_INFO = Topic.json("customers.info", Kind.STREAM,
            CustomerInfo.class, "customer_id", CustomerInfo::customerId, "producers customers",
            "Customer contact details");
    public static final Topic<CustomerDemographics> CUSTOMERS_DEMOGRAPHICS = Topic.json("customers.demographics", Kind.STREAM,
            CustomerDemographics.class, "customer_id", CustomerDemographics::customerId, "producers customers",
            "Customer demographics");
    public static final Topic<StationInfoLatest> STATIONS_INFO_LATEST = Topic.json("stations.info.latest", Kind.TABLE,
            StationInfoLatest.class, "station_id", StationInfoLatest::stationId, "station-enrichment",
            "Latest station information per station, with its region name");
    public static final Topic<StationEnriched> STATIONS_ENRICHED = Topic.json("stations.enriched", Kind.STREAM,
            StationEnriched.class, "station_id", StationEnriched::stationId, "station-enrichment",
            "Every station status, enriched with the station's latest information and region");
    public static final Topic<CustomerEnriched> CUSTOMERS_ENRICHED = Topic.json("customers.enriched", Kind.TABLE,
            CustomerEnriched.class, "customer_id", CustomerEnriched::customerId, "customer-enrichment",
            "Customers with their contact details and demographics");
    public static final Topic<HighAvailability> INVENTORY_AVAILABILITY_HIGH = Topic.json("inventory.availability.high", Kind.TABLE,
            HighAvailability.class, "station_id", HighAvailability::stationId, "inventory-redistribution",
            "Stations with a surplus of bikes (at least 75% full)");
    public static final Topic<LowAvailability> INVENTORY_AVAILABILITY_LOW = Topic.json("inventory.availability.low", Kind.TABLE,
            LowAvailability.class, "station_id", LowAvailability::stationId, "inventory-redistribution",
            "Stations short of bikes (at most 25% full)");
    public static final Topic<RedistributionPair> INVENTORY_REDISTRIBUTION = Topic.json("inventory.redistribution", Kind.TABLE,
            RedistributionPair.class, null, RedistributionPair::key, "inventory-redistribution",
            "Current pairs of a surplus station and a shortage station in the same region, with the distance between them");

    // Service marketplace
    public static final Topic<OrderPlaced> ORDER_PLACED = Topic.json("order_placed", Kind.STREAM,
            OrderPlaced.class, "job_id", OrderPlaced::jobId, "producers marketplace",
            "Orders customers placed for trade jobs");
    public static final Topic<JobCreated> JOB_CREATED = Topic.json("job_created", Kind.STREAM,
            JobCreated.class, "job_id", JobCreated::jobId, "producers marketplace",
            "Jobs tradespeople created, with their minimum price");
    public static final Topic<JobStatus> JOB_STATUS = Topic.json("job_status", Kind.STREAM,
            JobStatus.class, "job_id", JobStatus::jobId, "marketplace-jobs",
            "Each order matched to its job: ACCEPTED when the quote covers the price, else REJECTED");
    public static final Topic<JobLocation> JOBLOCATION = Topic.json("joblocation", Kind.TABLE,
            JobLocation.class, "id", JobLocation::id, "producers trucks",
            "Where each job takes place");
    public static final Topic<TruckLocation> TRADIE_TRUCK_LOCATION = Topic.json("tradie_truck_location", Kind.STREAM,
            TruckLocation.class, "vehicle_id", TruckLocation::vehicleId, "producers trucks",
            "Truck positions");
    public static final Topic<TruckTracker> TRUCK_TRACKER = Topic.json("truck_tracker", Kind.TABLE,
            TruckTracker.class, "job_id", TruckTracker::jobId, "truck-tracker",
            "Latest truck position per job, with distance to the destination and ETA");

    public static final List<Topic<?>> ALL = List.of(
            STATIONS_INFO, STATIONS_STATUS, SYSTEM_REGIONS, CUSTOMERS_INFO, CUSTOMERS_DEMOGRAPHICS,
            STATIONS_INFO_LATEST, STATIONS_ENRICHED, CUSTOMERS_ENRICHED,
            INVENTORY_AVAILABILITY_HIGH, INVENTORY_AVAILABILITY_LOW, INVENTORY_REDISTRIBUTION,
            ORDER_PLACED, JOB_CREATED, JOB_STATUS, JOBLOCATION, TRADIE_TRUCK_LOCATION, TRUCK_TRACKER);

    /** Consumers outside Kafka Streams and the topics they drain. */
    public static final Map<String, List<Topic<?>>> SINKS = Map.of("mongo-sink", List.of(JOB_STATUS));

    private Topics() {
    }

    public static Optional<Topic<?>> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The generator families of {@code producers} and the topics each writes, in registry order. */
    public static Map<String, List<Topic<?>>> producers() {
        Map<String, List<Topic<?>>> byProducer = new LinkedHashMap<>();
        for (Topic<?> topic : ALL) {
            topic.producer().ifPresent(p -> byProducer.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(topic));
        }
        byProducer.replaceAll((p, topics) -> List.copyOf(topics));
        return byProducer;
    }

    /** The dead-letter topic of an application (spec: {@code <application.id>.dlq}): the rejected records as they were. */
    public static Topic<byte[]> deadLetter(String applicationId) {
        return Topic.bytes(applicationId + ".dlq",
                "Records " + applicationId + " could not process, with headers saying where they came from and why", applicationId);
    }

    /** A topic of the registry, a dead-letter topic, or (for anything else, e.g. a test's) a plain stream of bytes. */
    public static Topic<?> spec(String name) {
        return find(name).orElseGet(() -> name.endsWith(".dlq")
                ? deadLetter(name.substring(0, name.length() - 4))
                : Topic.bytes(name, "", null));
    }
}
