package io.streammesh.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The demo's terminal: one compact status block redrawn in place (records/s in and out per topic,
 * lag and dead letters per service), instead of a flood of log lines, which go to a file. When the
 * output is not a terminal (piped, CI) it prints one summary line now and then.
 */
public final class LiveStatus implements AutoCloseable {

    private static final String CLEAR_LINE = "\033[2K";

    private final Supplier<ObjectNode> status;
    private final PrintStream out;
    private final boolean ansi;
    private final long everyMs;
    private final Thread thread;
    private volatile boolean running = true;
    private int drawnLines;
    private int draws;
    private int width = 100;

    public LiveStatus(Supplier<ObjectNode> status, PrintStream out, boolean ansi) {
        this.status = status;
        this.out = out;
        this.ansi = ansi;
        this.everyMs = ansi ? 1000 : 15000;
        this.thread = new Thread(this::loop, "demo-live-status");
        this.thread.setDaemon(true);
    }

    public LiveStatus start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(everyMs);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            try {
                draw(status.get());
            } catch (RuntimeException e) {
                // the stack is going down; the next draw or close says so
            }
        }
    }

    synchronized void draw(ObjectNode s) {
        if (!ansi) {
            out.println(summary(s));
            return;
        }
        if (draws++ % 10 == 0) {
            width = terminalWidth(); // follows a resized window
        }
        List<String> lines = render(s, width);
        StringBuilder sb = new StringBuilder();
        if (drawnLines > 0) {
            sb.append("\033[").append(drawnLines).append('F'); // back to the block's first line
        }
        for (String line : lines) {
            sb.append(CLEAR_LINE).append(line).append('\n');
        }
        for (int i = lines.size(); i < drawnLines; i++) {
            sb.append(CLEAR_LINE).append('\n');
        }
        drawnLines = Math.max(lines.size(), drawnLines);
        out.print(sb);
        out.flush();
    }

    /** Two topic columns side by side need this many terminal columns. */
    static final int TWO_COLUMNS = 98;

    /**
     * The status block: records and rate of each input and output topic, then each component's state,
     * lag and dead letters. Lines are cut to the terminal's width: a wrapped line would break redrawing.
     */
    static List<String> render(JsonNode s, int width) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("streammesh demo   up %s   page %s   dead letters %d",
                duration(s.path("uptime_seconds").asLong()), s.path("page_url").asText("-"), s.path("dead_letters").asLong()));
        List<JsonNode> in = new ArrayList<>();
        List<JsonNode> outTopics = new ArrayList<>();
        for (JsonNode t : s.path("topics")) {
            switch (t.path("role").asText()) {
                case "input" -> in.add(t);
                case "output" -> outTopics.add(t);
                default -> { }
            }
        }
        if (width >= TWO_COLUMNS) {
            lines.add(heading("IN (producers)") + " | " + heading("OUT (services)"));
            for (int i = 0; i < Math.max(in.size(), outTopics.size()); i++) {
                lines.add(topicCell(i < in.size() ? in.get(i) : null) + " | " + topicCell(i < outTopics.size() ? outTopics.get(i) : null));
            }
        } else {
            lines.add(heading("IN (producers)"));
            in.forEach(t -> lines.add(topicCell(t)));
            lines.add(heading("OUT (services)"));
            outTopics.forEach(t -> lines.add(topicCell(t)));
        }
        lines.add(String.format("%-26s %-11s %6s %8s %6s", "COMPONENT", "STATE", "HTTP", "LAG", "DLQ"));
        for (JsonNode c : s.path("components")) {
            lines.add(String.format("%-26s %-11s %6s %8s %6s", trim(c.path("name").asText(), 26), trim(c.path("state").asText(), 11),
                    c.has("http_port") ? c.get("http_port").asText() : "",
                    c.has("lag") ? (c.get("lag").isNull() ? "?" : c.get("lag").asText()) : "",
                    c.has("dead_letters") ? c.get("dead_letters").asText() : ""));
        }
        if (s.has("mongodb_documents")) {
            lines.add("MongoDB " + s.path("mongodb_collection").asText("") + ": " + s.path("mongodb_documents").asLong() + " documents");
        }
        lines.add("logs: " + s.path("log_file").asText("-") + "   Ctrl-C stops everything");
        lines.replaceAll(l -> l.length() < width ? l : l.substring(0, Math.max(0, width - 1)));
        return lines;
    }

    private static String heading(String title) {
        return String.format("%-28s %9s %8s", title, "records", "rec/s");
    }

    private static String topicCell(JsonNode t) {
        if (t == null) {
            return String.format("%-28s %9s %8s", "", "", "");
        }
        return String.format("%-28s %9d %8.1f", trim(t.path("name").asText(), 28), t.path("records").asLong(), t.path("rate").asDouble());
    }

    /** The terminal's width: {@code COLUMNS}, else what {@code stty} says, else 100. */
    static int terminalWidth() {
        try {
            String columns = System.getenv("COLUMNS");
            if (columns != null && !columns.isBlank()) {
                return Integer.parseInt(columns.trim());
            }
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            if (p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] size = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim().split("\\s+");
                if (size.length == 2) {
                    return Integer.parseInt(size[1]);
                }
            }
            p.destroy();
        } catch (Exception e) {
            // not a terminal we can ask
        }
        return 100;
    }

    /** The non-terminal form: one line. */
    static String summary(JsonNode s) {
        long in = 0;
        long out = 0;
        double inRate = 0;
        double outRate = 0;
        for (JsonNode t : s.path("topics")) {
            if (t.path("role").asText().equals("input")) {
                in += t.path("records").asLong();
                inRate += t.path("rate").asDouble();
            } else if (t.path("role").asText().equals("output")) {
                out += t.path("records").asLong();
                outRate += t.path("rate").asDouble();
            }
        }
        long lag = 0;
        int running = 0;
        int total = 0;
        for (JsonNode c : s.path("components")) {
            total++;
            String state = c.path("state").asText();
            if (state.equals("RUNNING") || state.equals("REBALANCING")) {
                running++;
            }
            lag += c.path("lag").asLong(0);
        }
        return String.format("demo up %s: in %d records (%.0f/s), out %d records (%.0f/s), %d/%d components running, lag %d, dead letters %d",
                duration(s.path("uptime_seconds").asLong()), in, inRate, out, outRate, running, total, lag, s.path("dead_letters").asLong());
    }

    private static String trim(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    static String duration(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
