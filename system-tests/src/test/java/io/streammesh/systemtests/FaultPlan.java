package io.streammesh.systemtests;

import java.util.List;
import java.util.Map;

/** The services under test, the input each one's progress is measured on, and the run's fixed settings. */
final class FaultPlan {

    private FaultPlan() {
    }

    /**
     * Session timeout given to every instance: how long the group waits for a member that does not
     * come back. The Kafka Streams services default to it already (ServiceRuntime); the sink, a plain
     * consumer, would otherwise wait the client's 45 s.
     */
    static final int SESSION_TIMEOUT_MS = 10_000;

    static final List<String> SERVICES = List.of("station-enrichment", "customer-enrichment", "inventory-redistribution",
            "marketplace-jobs", "truck-tracker", "mongo-sink");

    /** The live input each service reads: its group processing again means these committed offsets move. */
    static final Map<String, List<String>> LIVE_INPUT = Map.of(
            "station-enrichment", List.of("stations.status"),
            "customer-enrichment", List.of("customers.demographics"),
            "inventory-redistribution", List.of("stations.enriched"),
            "marketplace-jobs", List.of("order_placed", "job_created"),
            "truck-tracker", List.of("tradie_truck_location"),
            "mongo-sink", List.of("job_status"));

    static String group(String service) {
        return service; // every service's application.id (the sink's group.id) defaults to its name
    }
}
