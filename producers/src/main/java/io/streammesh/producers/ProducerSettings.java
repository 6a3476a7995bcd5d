package io.streammesh.producers;

import io.streammesh.common.config.Setting;
import io.streammesh.common.config.Settings;
import java.util.List;

/** The settings a generator reads ({@code --set name=value}, env {@code STREAMMESH_<NAME>}, or the config file). */
public final class ProducerSettings {

    /**
     * {@code http.port} as every process of the suite reads it, with a free port as the default:
     * generators run side by side on one host (and four of them in the demo's JVM), where any fixed
     * default would collide. The port chosen is logged; set one to scrape {@code /metrics}.
     */
    public static final Setting<Integer> HTTP_PORT = new Setting<>(Settings.HTTP_PORT.name(), 0, "0, a free port logged at start",
            "port of the generator's /metrics and /health (and, for gbfs, /feeds)", Settings.HTTP_PORT.reader());

    /** What a generator reads: its HTTP port, and the topic settings of the provisioner (Kafka only). */
    public static final List<Setting<?>> ALL = List.of(HTTP_PORT, Settings.CREATE_TOPICS, Settings.TOPIC_PARTITIONS,
            Settings.TOPIC_REPLICATION_FACTOR, Settings.STARTUP_TIMEOUT);

    private ProducerSettings() {
    }
}
