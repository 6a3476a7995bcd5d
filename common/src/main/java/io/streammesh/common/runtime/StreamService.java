package io.streammesh.common.runtime;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Setting;
import io.streammesh.common.query.QueryableTable;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * One Kafka Streams service of the suite, as the runtime, the replay tool, the lineage graph and
 * the deployment generators all see it: a name, a pure topology builder and the settings it reads.
 * The same {@link #build} result is what runs, what replays and what the ACLs are derived from.
 */
public interface StreamService {

    /** The service's name, e.g. {@code station-enrichment}; also its default application.id. */
    String name();

    /** One line for {@code --help} and the catalog. */
    String description();

    /** Builds the topology; no I/O, no side effects, so tests and tools can call it freely. */
    Topology build(ServiceConfig config);

    /** The service's own settings ({@link #build} and {@link #routes} read them), listed in {@code --help}. */
    default List<Setting<?>> settings() {
        return List.of();
    }

    /**
     * The table data products this service keeps in state stores, served by every instance at
     * {@code /v1/tables/{table}} (see {@link io.streammesh.common.query.QueryableTable}).
     */
    default List<QueryableTable<?>> tables() {
        return List.of();
    }

    /** Extra HTTP routes beside /health, /metrics and the query API, given the running streams. */
    default List<HttpRoute> routes(KafkaStreams streams, ServiceConfig config) {
        return List.of();
    }

    default String applicationId() {
        return name();
    }

    /**
     * Kafka Streams properties this service needs beyond the suite's defaults (e.g. how long a task
     * waits for an empty co-partitioned input); the user's own properties still win.
     */
    default java.util.Map<String, String> streamsDefaults() {
        return java.util.Map.of();
    }
}
