package io.streammesh.common.config;

import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka properties of a config that a plain admin, consumer or producer client understands. A
 * process's config also holds Kafka Streams properties (application.id, processing.guarantee ...);
 * handing those to a plain client makes it log an "unknown configuration" warning per property.
 */
public final class ClientProperties {

    private ClientProperties() {
    }

    public static Properties admin(ServiceConfig config) {
        return only(config, AdminClientConfig.configNames());
    }

    public static Properties consumer(ServiceConfig config) {
        return only(config, ConsumerConfig.configNames());
    }

    public static Properties producer(ServiceConfig config) {
        return only(config, ProducerConfig.configNames());
    }

    private static Properties only(ServiceConfig config, Set<String> names) {
        Properties props = new Properties();
        config.kafka().forEach((k, v) -> {
            if (names.contains(k)) {
                props.put(k, v);
            }
        });
        return props;
    }
}
