package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoProducersTest {

    @Test
    void theDemoRunsEveryGeneratorOfTheProducersWithOptionsTheyAccept() {
        List<DemoProducers.Generator> generators = DemoOptions.generators(50, 60, 100, 2, 5);
        assertThat(generators).extracting(DemoProducers.Generator::subcommand)
                .containsExactlyInAnyOrder("gbfs-sim", "customers", "marketplace", "trucks");
        assertThat(DemoProducers.available()).containsAll(generators.stream().map(DemoProducers.Generator::subcommand).toList());
        for (DemoProducers.Generator g : generators) {
            List<String> args = new ArrayList<>(List.of(g.subcommand(), "-X", "bootstrap.servers=localhost:1"));
            args.addAll(g.args());
            // parsing (without running) fails if a generator renamed or dropped an option the demo passes
            CommandLine cli = DemoProducers.commandLine(g.subcommand());
            cli.parseArgs(args.toArray(String[]::new));
        }
    }

    @Test
    void secretsDoNotReachTheLog() {
        assertThat(DemoProducers.redact(List.of("-X", "sasl.jaas.config=PlainLoginModule required password='x';", "bootstrap.servers=b:9092")))
                .containsExactly("-X", "sasl.jaas.config=[hidden]", "bootstrap.servers=b:9092");
    }
}
