package io.streammesh.local;

import io.streammesh.common.runtime.StreamService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The Kafka Streams services on the classpath, found through {@link ServiceLoader}: each service
 * module registers its {@link StreamService} in {@code META-INF/services}. The suite's known
 * services are listed so a tool can tell "not built yet" from "no such service".
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

    public static Optional<StreamService> find(String name) {
        return Optional.ofNullable(available().get(name));
    }
}
