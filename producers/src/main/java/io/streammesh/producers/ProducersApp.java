package io.streammesh.producers;

import io.streammesh.common.config.ConfigException;
import io.streammesh.common.runtime.ServiceLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * One jar, one subcommand per generator. Each publishes the records of the spec, keyed per the
 * spec, with an idempotent producer, or records them to a JSONL file for the replay tool.
 */
@Command(name = "producers", mixinStandardHelpOptions = true, versionProvider = ServiceLauncher.Version.class,
        description = "Publishes the suite's input topics: GBFS bike-share feeds, customers, marketplace orders and jobs, trucks.",
        subcommands = {
                // generators register here
                io.streammesh.producers.marketplace.MarketplaceCommand.class,
                io.streammesh.producers.marketplace.TrucksCommand.class,
                io.streammesh.producers.gbfs.GbfsSimCommand.class,
                io.streammesh.producers.gbfs.GbfsCommand.class,
                io.streammesh.producers.customers.CustomersCommand.class,
        })
public final class ProducersApp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with the suite's usage footer and error handling. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ProducersApp());
        String settings = ProducerSettings.ALL.stream()
                .map(s -> "  " + s.name() + " (default " + s.defaultText() + ")%n      " + s.description())
                .collect(java.util.stream.Collectors.joining("%n", "%nSettings (--set NAME=VALUE, env STREAMMESH_<NAME>):%n", ""));
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage().footer(settings));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("producers: " + e.getMessage());
                return 2;
            }
            if (e instanceof ProduceFailedException) {
                cmd.getErr().println("producers: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
