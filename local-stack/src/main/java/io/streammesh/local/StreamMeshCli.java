package io.streammesh.local;

import io.streammesh.common.config.ConfigException;
import io.streammesh.common.runtime.ServiceLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./streammesh}: the one entry point of the suite on a laptop. */
@Command(name = "streammesh", mixinStandardHelpOptions = true, versionProvider = ServiceLauncher.Version.class,
        description = "Kafka Streams data products: bike-share data mesh and service marketplace.",
        subcommands = {DemoCommand.class, QueryCommand.class, TailCommand.class, CatalogCommand.class, ReplayCommand.class,
                LineageCommand.class, BrokerCommand.class,
                TopicsCommand.class, TerraformVarsCommand.class, CommandLine.HelpCommand.class})
public final class StreamMeshCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(null, null, args);
    }

    /** Runs a command with its output to {@code out} and {@code err} (null: the console), as scripts and tests capture it. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new StreamMeshCli());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.getSubcommands().get("topics").getCommandSpec().usageMessage().footer(TopicsCommand.footer());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
