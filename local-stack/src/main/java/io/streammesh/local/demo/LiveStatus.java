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
        List<String> lines = render(s);
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

    /** The status block: topics with records and rate, then each component's state, lag and dead letters. */
    static List<String> render(JsonNode s) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("streammesh demo   up %s   page %s   dead letters %d",
                duration(s.path("uptime_seconds").asLong()), s.path("page_url").asText("-"), s.path("dead_letters").asLong()));
        lines.add(String.format("%-30s %6s %10s %9s    %-30s %6s %10s %9s", "IN (producers)", "", "records", "rec/s",
                "OUT (services)", "", "records", "rec/s"));
        List<JsonNode> in = new ArrayList<>();
        List<JsonNode> outTopics = new ArrayList<>();
        for (JsonNode t : s.path("topics")) {
            switch (t.path("role").asText()) {
                case "input" -> in.add(t);
                case "output" -> outTopics.add(t);
                default -> { }
            }
        }
        for (int i = 0; i < Math.max(in.size(), outTopics.size()); i++) {
            lines.add(topicCell(i < in.size() ? in.get(i) : null) + "    " + topicCell(i < outTopics.size() ? outTopics.get(i) : null));
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
        return lines;
    }

    private static String topicCell(JsonNode t) {
        if (t == null) {
            return String.format("%-30s %6s %10s %9s", "", "", "", "");
        }
        return String.format("%-30s %6s %10d %9.1f", trim(t.path("name").asText(), 30), t.path("kind").asText().equals("table") ? "table" : "",
                t.path("records").asLong(), t.path("rate").asDouble());
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
