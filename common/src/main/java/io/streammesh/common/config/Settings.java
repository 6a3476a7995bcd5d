package io.streammesh.common.config;

import io.streammesh.contracts.Topics;
import java.time.Duration;
import java.util.List;

/** The settings every process of the suite reads (services, the sink, producers), with their defaults. */
public final class Settings {

    public static final Setting<Integer> HTTP_PORT = Setting.integer("http.port", 8080,
            "port of /health, /metrics and the service's own routes; 0 picks a free port");
    public static final Setting<String> HTTP_ADVERTISED_HOST = Setting.text("http.advertised.host", "localhost", "localhost",
            "host name other instances use to reach this one (application.server)");
    public static final Setting<Boolean> CREATE_TOPICS = Setting.bool("create.topics", true,
            "create missing input/output/dead-letter topics at start");
    public static final Setting<Integer> TOPIC_PARTITIONS = Setting.integer("topic.partitions", Topics.PARTITIONS,
            "partitions of topics this service creates");
    public static final Setting<String> TOPIC_REPLICATION_FACTOR = Setting.text("topic.replication.factor", null, "broker default",
            "replication factor of topics this service creates");
    public static final Setting<Duration> STARTUP_TIMEOUT = Setting.duration("startup.timeout", Duration.ofSeconds(30), "30s",
            "how long to wait for the broker at start before giving up");
    public static final Setting<String> STATE_DIR = Setting.text("state.dir", null, "<tmp>/kafka-streams",
            "where Kafka Streams keeps local state (RocksDB)");

    public static final Setting<Integer> QUERY_THREADS = Setting.integer("query.threads", 8,
            "threads answering the query API (/v1/...); the health endpoints never wait for them");
    public static final Setting<Duration> QUERY_TIMEOUT = Setting.duration("query.timeout", Duration.ofSeconds(2), "2s",
            "how long a query waits for another instance before trying a standby or answering 503");
    public static final Setting<Integer> QUERY_STREAM_BUFFER = Setting.integer("query.stream.buffer", 1000,
            "events buffered per /v1/streams client; a client further behind is dropped");

    public static final Setting<Integer> STREAM_THREAD_REPLACEMENTS = Setting.integer("stream.thread.replacements", 3,
            "failed stream threads replaced within stream.thread.replacement.window; one more and the service"
                    + " exits with code 1 so its orchestrator restarts it");
    public static final Setting<Duration> STREAM_THREAD_REPLACEMENT_WINDOW = Setting.duration("stream.thread.replacement.window",
            Duration.ofMinutes(10), "10m", "the window stream.thread.replacements counts in");

    /** What a Kafka Streams service reads besides its own settings, in {@code --help} order. */
    public static final List<Setting<?>> SERVICE = List.of(HTTP_PORT, HTTP_ADVERTISED_HOST, CREATE_TOPICS, TOPIC_PARTITIONS,
            TOPIC_REPLICATION_FACTOR, STARTUP_TIMEOUT, STATE_DIR, QUERY_THREADS, QUERY_TIMEOUT, QUERY_STREAM_BUFFER,
            STREAM_THREAD_REPLACEMENTS, STREAM_THREAD_REPLACEMENT_WINDOW);

    /**
     * How many partitions an input topic has: filled in by the runtime from the broker before the
     * topology is built (see {@link ServiceConfig#withInputPartitions}); offline, {@link #TOPIC_PARTITIONS}.
     */
    static final String INPUT_PARTITIONS_PREFIX = "input.partitions.";

    private Settings() {
    }
}
