package io.streammesh.local;

import io.streammesh.contracts.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the lineage graph, generated from the topologies, as Mermaid (default) or JSON. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "Print the graph of producers -> topics -> services -> topics, generated from the topologies, as Mermaid.")
public final class LineageCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of Mermaid")
    boolean json;

    @Override
    public Integer call() {
        Lineage lineage = Lineage.build();
        System.out.println(json ? Json.write(lineage) : lineage.toMermaid());
        return 0;
    }
}
