package io.streammesh.local;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.common.runtime.TopologyTopics;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph of producers -> topics -> services -> topics -> sinks (the local version of Confluent's
 * Stream Lineage). Service edges come from each service's own {@code Topology.describe()}, so the
 * graph cannot drift from the code; producers and sinks come from the registry ({@link Topics#producers()},
 * {@link Topics#SINKS}).
 */
public record Lineage(List<Node> nodes, List<Edge> edges) {

    public enum Kind { PRODUCER, TOPIC, SERVICE, SINK, STORE }

    public record Node(String id, String label, Kind kind) {
    }

    public record Edge(String from, String to) {
    }

    public static Lineage build() {
        return build(Services.available().values());
    }

    public static Lineage build(Iterable<StreamService> services) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Edge> edges = new ArrayList<>();
        Topics.producers().forEach((producer, topics) -> {
            String id = "producer:" + producer;
            nodes.put(id, new Node(id, "producers " + producer, Kind.PRODUCER));
            for (Topic<?> t : topics) {
                edges.add(new Edge(id, topic(nodes, t.name())));
            }
        });
        for (StreamService service : services) {
            String id = "service:" + service.name();
            nodes.put(id, new Node(id, service.name(), Kind.SERVICE));
            TopologyTopics topics = TopologyTopics.of(service.build(ServiceConfig.empty()));
            for (String in : topics.inputs()) {
                edges.add(new Edge(topic(nodes, in), id));
            }
            for (String out : topics.outputs()) {
                edges.add(new Edge(id, topic(nodes, out)));
            }
        }
        Topics.SINKS.forEach((sink, topics) -> {
            String id = "service:" + sink;
            nodes.put(id, new Node(id, sink, Kind.SINK));
            for (Topic<?> t : topics) {
                edges.add(new Edge(topic(nodes, t.name()), id));
            }
            nodes.put("store:mongodb", new Node("store:mongodb", "MongoDB", Kind.STORE));
            edges.add(new Edge(id, "store:mongodb"));
        });
        return new Lineage(List.copyOf(nodes.values()), List.copyOf(edges));
    }

    private static String topic(Map<String, Node> nodes, String name) {
        String id = "topic:" + name;
        nodes.putIfAbsent(id, new Node(id, name, Kind.TOPIC));
        return id;
    }

    /** The graph as a Mermaid flowchart, for the README. */
    public String toMermaid() {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        for (Node n : nodes) {
            String id = mermaidId(n.id());
            String shape = switch (n.kind()) {
                case PRODUCER -> "[/" + n.label() + "/]";
                case TOPIC -> "[(" + n.label() + ")]";
                case SERVICE -> "[[" + n.label() + "]]";
                case SINK -> "[[" + n.label() + "]]";
                case STORE -> "[(" + n.label() + ")]";
            };
            sb.append("  ").append(id).append(shape.replace("(", "(\"").replace(")", "\")")
                    .replace("[/", "[/\"").replace("/]", "\"/]").replace("[[", "[[\"").replace("]]", "\"]]")).append('\n');
        }
        for (Edge e : edges) {
            sb.append("  ").append(mermaidId(e.from())).append(" --> ").append(mermaidId(e.to())).append('\n');
        }
        return sb.toString();
    }

    private static String mermaidId(String id) {
        return id.replaceAll("[^A-Za-z0-9]", "_");
    }
}
