package io.streammesh.local;

import io.streammesh.common.runtime.StreamService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The Kafka Streams services on the classpath, found through {@link ServiceLoader}: each service
 * module registers its {@link StreamService} in {@code META-INF/services}; the suite's own are
 * listed in pipeline order, so the demo starts them upstream first.
 */
public final class Services {

    /** Every Kafka Streams service of the spec, in pipeline order. */
    public static final List<String> KNOWN = List.of(
            "station-enrichment", "customer-enrichment", "inventory-redistribution", "marketplace-jobs", "truck-tracker");

    private Services() {
    }

    public static Map<String, StreamService> available() {
        Map<String, StreamService> byName = new TreeMap<>();
        for (StreamService s : ServiceLoader.load(StreamService.class)) {
            byName.put(s.name(), s);
        }
        return byName;
    }

    /** The suite's services in pipeline order (services a test registers are left out). */
    public static List<StreamService> pipeline() {
        Map<String, StreamService> available = available();
        return KNOWN.stream().map(name -> {
            StreamService service = available.get(name);
            if (service == null) {
                throw new IllegalStateException(name + " is not on the classpath: its module is a dependency of local-stack");
            }
            return service;
        }).toList();
    }

    public static Optional<StreamService> find(String name) {
        return Optional.ofNullable(available().get(name));
    }
}
