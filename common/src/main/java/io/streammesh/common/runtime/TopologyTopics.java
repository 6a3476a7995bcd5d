package io.streammesh.common.runtime;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The user topics a topology reads and writes, from its own {@link Topology#describe()}: the one
 * source of truth for topic creation, the lineage graph and the deployment's ACLs. Internal topics
 * (repartition, changelog, foreign-key join subscription/response) are Kafka Streams' own and left out; they live under the
 * {@code <application.id>-} prefix.
 */
public record TopologyTopics(Set<String> inputs, Set<String> outputs) {

    public static TopologyTopics of(Topology topology) {
        TopologyDescription description = topology.describe();
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        Set<String> internal = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    sources.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinks.add(sink.topic());
                }
            }
        }
        for (TopologyDescription.GlobalStore store : description.globalStores()) {
            if (store.source().topicSet() != null) {
                sources.addAll(store.source().topicSet());
            }
        }
        // a topic both written and read inside one topology is a repartition topic
        for (String s : sinks) {
            if (sources.contains(s) && isInternalName(s)) {
                internal.add(s);
            }
        }
        sources.removeIf(t -> internal.contains(t) || isInternalName(t));
        sinks.removeIf(t -> internal.contains(t) || isInternalName(t));
        return new TopologyTopics(Set.copyOf(sources), Set.copyOf(sinks));
    }

    /** Foreign-key join topics: {@code <name>-subscription-registration-topic} / {@code -response-topic}, or generated names. */
    private static final java.util.regex.Pattern FK_JOIN_TOPIC =
            java.util.regex.Pattern.compile("(?i).*-subscription-(registration|response)(-\\d+)?-topic");

    static boolean isInternalName(String topic) {
        return topic.endsWith("-repartition") || topic.endsWith("-changelog") || FK_JOIN_TOPIC.matcher(topic).matches();
    }

    public Set<String> all() {
        Set<String> all = new TreeSet<>(inputs);
        all.addAll(outputs);
        return all;
    }
}
