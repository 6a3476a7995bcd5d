package io.streammesh.common.runtime;

import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ClientProperties;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Settings;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the broker is reachable and creates the topics a service needs that do not exist yet:
 * {@value Topics#PARTITIONS} partitions, {@code cleanup.policy=compact} for tables. Existing topics
 * are left alone (on Confluent Cloud they come from Terraform, and the service may not be allowed to
 * create them).
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final Duration timeout;
    private final int partitions;
    private final Optional<Short> replicationFactor;

    public TopicProvisioner(Admin admin, Duration timeout, int partitions, Optional<Short> replicationFactor) {
        this.admin = admin;
        this.timeout = timeout;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /**
     * What every process of the suite does at start: wait for the broker up to {@code startup.timeout}
     * (failing with one clear line), then create the missing ones among {@code topics} unless
     * {@code create.topics=false}. Reads the settings {@code startup.timeout},
     * {@code topic.partitions}, {@code topic.replication.factor} and {@code create.topics}.
     */
    public static Map<String, Integer> provision(ServiceConfig config, Collection<String> topics) {
        try (Admin admin = Admin.create(adminProperties(config))) {
            TopicProvisioner provisioner = of(admin, config);
            provisioner.awaitBroker(config.bootstrapServers());
            provisioner.ensure(topics, config.get(Settings.CREATE_TOPICS));
            return provisioner.partitions(topics);
        }
    }

    /**
     * What the tools do ({@code topics}, {@code broker}, the demo): wait for the broker, then create
     * the missing ones among {@code topics}, or with {@code create} false fail naming them. Returns the
     * names it created, each with a leader on every partition.
     */
    public static List<String> ensure(ServiceConfig config, Collection<String> topics, boolean create) {
        try (Admin admin = Admin.create(adminProperties(config))) {
            TopicProvisioner provisioner = of(admin, config);
            provisioner.awaitBroker(config.bootstrapServers());
            return provisioner.ensure(topics, create);
        }
    }

    /** A provisioner on {@code admin} with the settings of {@code config} (timeout, partitions, replication factor). */
    public static TopicProvisioner of(Admin admin, ServiceConfig config) {
        Optional<Short> replicationFactor;
        try {
            String rf = config.get(Settings.TOPIC_REPLICATION_FACTOR);
            replicationFactor = rf == null ? Optional.empty() : Optional.of(Short.parseShort(rf));
        } catch (NumberFormatException e) {
            throw new ConfigException(ServiceConfig.describe(Settings.TOPIC_REPLICATION_FACTOR.name()) + " must be a whole number");
        }
        return new TopicProvisioner(admin, config.get(Settings.STARTUP_TIMEOUT), config.get(Settings.TOPIC_PARTITIONS), replicationFactor);
    }

    /** Admin properties of {@code config}, with its {@code startup.timeout} as the admin's timeouts. */
    public static Properties adminProperties(ServiceConfig config) {
        Properties adminProps = ClientProperties.admin(config);
        Duration timeout = config.get(Settings.STARTUP_TIMEOUT);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        return adminProps;
    }

    /** How many partitions each of {@code topics} has on the broker. */
    public Map<String, Integer> partitions(Collection<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Integer> result = new java.util.TreeMap<>();
            admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((name, description) -> result.put(name, description.partitions().size()));
            return result;
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException("Cannot describe topics " + topics + " on Kafka: " + DeadLetters.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A created topic is usable once every partition has a leader; callers may produce or list offsets right away. */
    private void awaitLeaders(List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
                if (ready) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // metadata not propagated yet: retry until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new ConfigException("Topics " + topics + " were created but have no partition leaders after "
                        + timeout.toSeconds() + " s: check the brokers' health.");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Fails with a clear message when the broker does not answer within the timeout. */
    public void awaitBroker(String bootstrapServers) {
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ConfigException("Cannot reach Kafka at " + bootstrapServers + " within " + timeout.toSeconds()
                    + " s: check bootstrap.servers, the network, and for Confluent Cloud the API key in sasl.jaas.config.");
        } catch (ExecutionException e) {
            throw new ConfigException("Cannot connect to Kafka at " + bootstrapServers + ": " + DeadLetters.describe(e.getCause())
                    + hint(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to Kafka", e);
        }
    }

    /**
     * What to change when the broker refused the connection: Kafka's own message names the failed
     * handshake or login, not the setting to fix. Kafka never puts the credentials in these messages,
     * and neither does this.
     */
    private static String hint(Throwable error) {
        if (error instanceof SslAuthenticationException) {
            StringBuilder chain = new StringBuilder();
            for (Throwable t = error; t != null && chain.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
                chain.append(t.getMessage()).append('\n');
            }
            if (chain.indexOf("PKIX") >= 0 || chain.indexOf("certification path") >= 0) {
                return ". The broker's TLS certificate is not trusted by this client: set ssl.truststore.location (and"
                        + " ssl.truststore.password, ssl.truststore.type) to a truststore holding the certificate authority that"
                        + " signed it. Confluent Cloud's certificates are trusted by the JVM's default truststore and need neither.";
            }
            return ". Check that the broker serves TLS on this port, that its certificate names the host in bootstrap.servers,"
                    + " and the truststore (ssl.truststore.location, ssl.truststore.password).";
        }
        if (error instanceof SaslAuthenticationException) {
            return ". Check the user name and password (for Confluent Cloud the API key and secret) in sasl.jaas.config.";
        }
        return "";
    }

    /** Creates the missing ones among {@code names}; returns the names it created. */
    public List<String> ensure(Collection<String> names, boolean create) {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException("Cannot list topics on Kafka: " + DeadLetters.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<NewTopic> missing = new ArrayList<>();
        for (String name : names) {
            if (!existing.contains(name)) {
                Topic<?> spec = Topics.spec(name);
                missing.add(new NewTopic(name, Optional.of(partitions), replicationFactor)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.kind().cleanupPolicy())));
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        List<String> missingNames = missing.stream().map(NewTopic::name).sorted().toList();
        if (!create) {
            throw new ConfigException("Topics " + missingNames + " do not exist and topic creation is off (create.topics=false):"
                    + " create them (terraform apply) or allow creation with --set create.topics=true.");
        }
        List<String> created = new ArrayList<>();
        admin.createTopics(missing).values().forEach((name, future) -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(name);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return; // another instance was faster
                }
                if (e.getCause() instanceof TopicAuthorizationException) {
                    throw new ConfigException("Topic " + name + " does not exist and this principal may not create it:"
                            + " create it (terraform apply) or grant CREATE on it.");
                }
                throw new ConfigException("Cannot create topic " + name + ": " + DeadLetters.describe(e.getCause()));
            } catch (TimeoutException e) {
                throw new ConfigException("Creating topic " + name + " took longer than " + timeout.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        awaitLeaders(created);
        LOG.info("Created topics {}", created.stream().sorted().toList());
        return created;
    }
}
