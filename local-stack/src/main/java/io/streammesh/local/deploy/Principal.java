package io.streammesh.local.deploy;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One deployable process of the suite as the platform sees it: what it reads and writes, under which
 * identity. On Confluent Cloud each one gets its own service account, API key and ACLs.
 *
 * @param name          the service account's name and the key of everything generated for it
 * @param kind          how it uses Kafka, which decides the ACLs beyond its topics
 * @param module        the Maven module whose jar runs it
 * @param applicationId Kafka Streams application.id or the consumer group; null for a plain producer
 * @param reads         topics it consumes
 * @param writes        topics it produces to, its dead-letter topic included
 */
public record Principal(String name, Kind kind, String module, String description, String applicationId,
                        Set<String> reads, Set<String> writes) {

    public enum Kind {
        /** A Kafka Streams application: consumer group, internal topics and transactions (exactly_once_v2). */
        STREAMS,
        /** An idempotent producer of input topics. */
        PRODUCER,
        /** A plain consumer group writing elsewhere, with a dead-letter topic. */
        SINK
    }

    public Principal {
        reads = Collections.unmodifiableSortedSet(new TreeSet<>(reads));
        writes = Collections.unmodifiableSortedSet(new TreeSet<>(writes));
    }

    /** A Kafka Streams service, its topics taken from its own {@code Topology.describe()}. */
    public static Principal streams(StreamService service) {
        TopologyTopics topics = TopologyTopics.of(service.build(ServiceConfig.empty()));
        Set<String> writes = new TreeSet<>(topics.outputs());
        writes.add(Topics.deadLetter(service.applicationId()).name());
        return new Principal(service.name(), Kind.STREAMS, service.name(), service.description(), service.applicationId(),
                topics.inputs(), writes);
    }

    /** One generator of the producers jar (subcommand {@code generator}). */
    public static Principal producer(String generator, Collection<Topic<?>> topics) {
        return new Principal("producers-" + generator, Kind.PRODUCER, "producers", "producers " + generator + ": writes "
                + names(topics), null, Set.of(), nameSet(topics));
    }

    /** A consumer-group sink whose group id is its name, with its own dead-letter topic. */
    public static Principal sink(String name, Collection<Topic<?>> topics) {
        return new Principal(name, Kind.SINK, name, name + ": drains " + names(topics), name, nameSet(topics),
                Set.of(Topics.deadLetter(name).name()));
    }

    /** Internal topics (changelog, repartition) of a Streams application share this prefix. */
    public String internalTopicPrefix() {
        return kind == Kind.STREAMS ? applicationId + "-" : null;
    }

    public Set<String> topics() {
        Set<String> all = new TreeSet<>(reads);
        all.addAll(writes);
        return all;
    }

    private static Set<String> nameSet(Collection<Topic<?>> topics) {
        Set<String> names = new TreeSet<>();
        topics.forEach(t -> names.add(t.name()));
        return names;
    }

    private static String names(Collection<Topic<?>> topics) {
        return String.join(", ", nameSet(topics));
    }
}
