package io.streammesh.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streammesh.common.catalog.DataProduct;
import io.streammesh.common.catalog.DataProducts;
import io.streammesh.contracts.Json;
import io.streammesh.contracts.Topic;
import io.streammesh.contracts.Topics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./streammesh catalog}: the data products with their descriptors, as the modules ship them. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "List the data products (output topics other teams may rely on) with their descriptors:"
                + " owner, domain, tags, freshness SLA, description and value fields.")
public final class CatalogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the full descriptors as JSON")
    boolean json;

    /** One catalog entry: a topic a service writes (its writer in the registry), with its descriptor. */
    public record Entry(Topic<?> topic, String producedBy, DataProduct product) {
    }

    /** The data products in registry order: the topics the services write, and any other topic a module describes. */
    public static List<Entry> entries(Map<String, DataProduct> products) {
        List<Entry> entries = new ArrayList<>();
        for (Topic<?> t : Topics.ALL) {
            if (t.producer().isEmpty() || products.containsKey(t.name())) {
                entries.add(new Entry(t, t.writer(), products.get(t.name())));
            }
        }
        return entries;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Entry> entries = entries(DataProducts.load());
        if (json) {
            ArrayNode list = Json.MAPPER.createArrayNode();
            for (Entry e : entries) {
                ObjectNode o = list.addObject();
                o.put("topic", e.topic().name());
                o.put("kind", e.topic().kind().name().toLowerCase());
                o.put("produced_by", e.producedBy());
                o.set("descriptor", e.product() == null ? null : e.product().descriptor());
            }
            out.println(list.toPrettyString());
            out.flush();
            return 0;
        }
        out.printf("%-28s %-6s %-25s %-24s %-12s %-34s %s%n", "DATA PRODUCT", "KIND", "PRODUCED BY", "OWNER", "DOMAIN", "TAGS", "FRESHNESS");
        for (Entry e : entries) {
            DataProduct p = e.product();
            out.printf("%-28s %-6s %-25s %-24s %-12s %-34s %s%n", e.topic().name(), e.topic().kind().name().toLowerCase(),
                    e.producedBy(),
                    p == null ? "(no descriptor)" : nn(p.ownerTeam()), p == null ? "" : nn(p.domain()),
                    p == null ? "" : String.join(",", p.tags()), p == null ? "" : nn(p.freshness()));
        }
        out.println();
        for (Entry e : entries) {
            if (e.product() != null) {
                out.println(e.topic().name() + ": " + e.product().description());
                if (!e.product().schemaFields().isEmpty()) {
                    out.println("    fields: " + String.join(", ", e.product().schemaFields()));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
