package io.streammesh.local.demo;

import io.streammesh.producers.ProducersApp;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs the producers' generators in this JVM, each on its own thread through the same command line a
 * user would type ({@code producers gbfs-sim ...}), at the demo's speed, their output going to the log.
 * Stopping interrupts the threads: the generators flush what they sent and return.
 */
public final class DemoProducers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoProducers.class);

    /** One generator: its subcommand and the demo's arguments (connection options are added). */
    public record Generator(String subcommand, List<String> args) {
    }

    private final Map<String, Thread> threads = new LinkedHashMap<>();
    private final Map<String, String> states = new java.util.concurrent.ConcurrentHashMap<>();

    /** The subcommands the producers jar of this build has. */
    public static Set<String> available() {
        return new CommandLine(new ProducersApp()).getSubcommands().keySet();
    }

    /** Starts each generator; a subcommand the producers do not have is a mistake of the caller. */
    public void start(List<Generator> generators, List<String> connectionArgs) {
        Set<String> available = available();
        for (Generator g : generators) {
            if (!available.contains(g.subcommand())) {
                throw new IllegalArgumentException("producers has no generator '" + g.subcommand() + "'; it has " + available);
            }
            List<String> args = new ArrayList<>();
            args.add(g.subcommand());
            args.addAll(connectionArgs);
            args.addAll(g.args());
            Thread t = new Thread(() -> {
                states.put(g.subcommand(), "RUNNING");
                try {
                    int rc = commandLine(g.subcommand()).execute(args.toArray(String[]::new));
                    states.put(g.subcommand(), rc == 0 ? "DONE" : "FAILED(" + rc + ")");
                    if (rc != 0) {
                        LOG.error("producers {} exited with {}", g.subcommand(), rc);
                    }
                } catch (RuntimeException e) {
                    states.put(g.subcommand(), "FAILED");
                    LOG.error("producers {} failed: {}", g.subcommand(), e.toString(), e);
                }
            }, "producer-" + g.subcommand());
            t.setDaemon(true);
            threads.put(g.subcommand(), t);
            states.put(g.subcommand(), "STARTING");
            LOG.info("starting producers {}", String.join(" ", redact(args)));
            t.start();
        }
    }

    /**
     * The producers' command line with its output going to the log: a generator's usage or stack trace
     * must not scribble over the live status.
     */
    static CommandLine commandLine(String name) {
        Logger log = LoggerFactory.getLogger("io.streammesh.producers." + name);
        PrintWriter toLog = new PrintWriter(new LineLogger(log), true);
        CommandLine cli = new CommandLine(new ProducersApp());
        cli.setOut(toLog);
        cli.setErr(toLog);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            log.error("producers {} failed: {}", name, e.toString(), e);
            return 1;
        });
        return cli;
    }

    /** Sends whole lines written to it to a logger. */
    static final class LineLogger extends Writer {
        private final Logger log;
        private final StringBuilder line = new StringBuilder();

        LineLogger(Logger log) {
            this.log = log;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    flushLine();
                } else if (buf[i] != '\r') {
                    line.append(buf[i]);
                }
            }
        }

        private void flushLine() {
            if (!line.isEmpty()) {
                log.info("{}", line);
                line.setLength(0);
            }
        }

        @Override
        public synchronized void flush() {
            flushLine();
        }

        @Override
        public void close() {
            flush();
        }
    }

    public Set<String> names() {
        return threads.keySet();
    }

    public String state(String name) {
        return states.getOrDefault(name, "UNKNOWN");
    }

    static List<String> redact(List<String> args) {
        List<String> shown = new ArrayList<>();
        for (String a : args) {
            shown.add(a.toLowerCase().contains("jaas") || a.toLowerCase().contains("password") ? a.replaceAll("=.*", "=[hidden]") : a);
        }
        return shown;
    }

    /** Interrupts every generator and waits for them to flush and return. */
    @Override
    public void close() {
        threads.values().forEach(Thread::interrupt);
        for (Map.Entry<String, Thread> e : threads.entrySet()) {
            try {
                e.getValue().join(15_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
            if (e.getValue().isAlive()) {
                LOG.warn("producers {} did not stop within 15 s", e.getKey());
            } else {
                states.put(e.getKey(), "STOPPED");
            }
        }
    }
}
