package io.streammesh.mongosink;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.config.Setting;
import io.streammesh.common.config.Settings;
import io.streammesh.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The sink's settings (the {@link Setting} constants, one per name and default) and their values,
 * resolved from a {@link ServiceConfig} (command line, environment
 * {@code STREAMMESH_<NAME>}, {@code streammesh.<name>} in the config file, defaults). The MongoDB
 * connection string may also come from {@code MONGODB_URI}, the variable MongoDB's own tools read.
 */
public record SinkSettings(
        String mongoUri,
        String database,
        List<TopicMapping> mappings,
        WriteConcern writeConcern,
        Duration mongoTimeout,
        String groupId,
        int batchMaxRecords,
        Duration batchMaxWait,
        Duration pollTimeout,
        Backoff backoff) {

    public static final String NAME = "mongo-sink";
    /** The variable MongoDB's own tools read the connection string from. */
    public static final String MONGODB_URI_ENV = "MONGODB_URI";

    public static final Setting<String> MONGODB_URI = Setting.text("mongodb.uri", null, "(required)",
            "MongoDB connection string, also read from env " + MONGODB_URI_ENV);
    public static final Setting<String> DATABASE = Setting.text("mongodb.database", "marketplace", "marketplace",
            "database the collections live in");
    public static final Setting<String> MAPPING = Setting.text("mapping", TopicMapping.DEFAULT, TopicMapping.DEFAULT,
            "topic=collection pairs, comma-separated");
    public static final Setting<String> WRITE_CONCERN = Setting.text("mongodb.write.concern", null, "majority",
            "w of each bulk write: majority or a number >= 1 (the URI's w= if set)");
    public static final Setting<Duration> MONGODB_TIMEOUT = Setting.duration("mongodb.timeout", Duration.ofSeconds(10), "10s",
            "server selection / connect timeout of one write attempt");
    public static final Setting<Integer> BATCH_MAX_RECORDS = Setting.integer("batch.max.records", 5000,
            "a batch is written once it holds this many records");
    public static final Setting<Duration> BATCH_MAX_WAIT = Setting.duration("batch.max.wait", Duration.ofMillis(200), "200ms",
            "how long a partial batch waits for more records");
    public static final Setting<Duration> POLL_TIMEOUT = Setting.duration("poll.timeout", Duration.ofMillis(100), "100ms",
            "longest a poll blocks");
    public static final Setting<Duration> RETRY_BACKOFF_INITIAL = Setting.duration("retry.backoff.initial", Duration.ofMillis(500),
            "500ms", "wait after the first failed write; doubles each failure");
    public static final Setting<Duration> RETRY_BACKOFF_MAX = Setting.duration("retry.backoff.max", Duration.ofSeconds(30), "30s",
            "longest wait between write attempts");

    /** Everything the sink reads, in {@code --help} order: its own settings, then the suite's it shares. */
    public static final List<Setting<?>> SETTINGS = List.of(MONGODB_URI, DATABASE, MAPPING, WRITE_CONCERN, MONGODB_TIMEOUT,
            BATCH_MAX_RECORDS, BATCH_MAX_WAIT, POLL_TIMEOUT, RETRY_BACKOFF_INITIAL, RETRY_BACKOFF_MAX,
            Settings.HTTP_PORT, Settings.CREATE_TOPICS, Settings.TOPIC_PARTITIONS, Settings.TOPIC_REPLICATION_FACTOR,
            Settings.STARTUP_TIMEOUT);

    public SinkSettings {
        if (batchMaxRecords < 1) {
            throw new ConfigException(ServiceConfig.describe(BATCH_MAX_RECORDS.name()) + " must be at least 1, got " + batchMaxRecords);
        }
    }

    public static SinkSettings from(ServiceConfig config) {
        String uri = config.get(MONGODB_URI);
        if (uri == null) {
            throw new ConfigException("Missing MongoDB connection string: give --mongodb-uri mongodb://HOST:27017, set "
                    + MONGODB_URI_ENV + ", or " + ServiceConfig.SETTING_PREFIX + MONGODB_URI.name() + " in the config file.");
        }
        ConnectionString cs;
        try {
            cs = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            // the message may quote the URI, and with it a password
            throw new ConfigException("The MongoDB connection string (--mongodb-uri / " + MONGODB_URI_ENV
                    + ") is not valid: it must look like mongodb://[user:password@]host[:port][/?options] or mongodb+srv://...");
        }
        Duration timeout = positive(config, MONGODB_TIMEOUT);
        Duration initial = positive(config, RETRY_BACKOFF_INITIAL);
        Duration max = positive(config, RETRY_BACKOFF_MAX);
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(ServiceConfig.describe(RETRY_BACKOFF_MAX.name()) + " must not be shorter than "
                    + RETRY_BACKOFF_INITIAL.name());
        }
        String group = config.kafka(ConsumerConfig.GROUP_ID_CONFIG);
        return new SinkSettings(
                uri,
                config.get(DATABASE),
                TopicMapping.parse(List.of(config.get(MAPPING))),
                writeConcern(config.get(WRITE_CONCERN), cs, timeout),
                timeout,
                group == null || group.isBlank() ? NAME : group,
                config.get(BATCH_MAX_RECORDS),
                positive(config, BATCH_MAX_WAIT),
                positive(config, POLL_TIMEOUT),
                new Backoff(initial, max));
    }

    /**
     * {@code majority} or a number of nodes; never 0, since "commit offsets after MongoDB acknowledged"
     * means nothing without an acknowledgement. A wtimeout keeps a replica set that cannot reach a
     * majority from blocking the sink: the attempt fails and is retried.
     */
    static WriteConcern writeConcern(String setting, ConnectionString cs, Duration timeout) {
        WriteConcern wc;
        if (setting == null) {
            wc = cs.getWriteConcern() != null && cs.getWriteConcern().getWObject() != null ? cs.getWriteConcern() : WriteConcern.MAJORITY;
        } else if (setting.toLowerCase(Locale.ROOT).equals("majority")) {
            wc = WriteConcern.MAJORITY;
        } else {
            int w;
            try {
                w = Integer.parseInt(setting);
            } catch (NumberFormatException e) {
                throw new ConfigException(ServiceConfig.describe(WRITE_CONCERN.name()) + " must be 'majority' or a number >= 1, got '" + setting + "'");
            }
            if (w < 1) {
                throw new ConfigException(ServiceConfig.describe(WRITE_CONCERN.name()) + " must be at least 1: offsets are committed only"
                        + " after MongoDB acknowledged a batch, and w=" + w + " acknowledges nothing.");
            }
            wc = new WriteConcern(w);
        }
        Object w = wc.getWObject();
        if (w instanceof Integer n && n < 1) {
            throw new ConfigException("The connection string sets w=" + n + ": offsets are committed only after MongoDB"
                    + " acknowledged a batch; use w=majority or w=1 or more.");
        }
        if (wc.getWTimeout(TimeUnit.MILLISECONDS) == null) {
            wc = wc.withWTimeout(Math.max(timeout.toMillis(), 30_000), TimeUnit.MILLISECONDS);
        }
        return wc;
    }

    private static Duration positive(ServiceConfig config, Setting<Duration> setting) {
        Duration d = config.get(setting);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(ServiceConfig.describe(setting.name()) + " must be longer than 0, got " + d);
        }
        return d;
    }

    /** The dead-letter topic: {@code <group.id>.dlq}, the group id being this sink's application id. */
    public String deadLetterTopic() {
        return Topics.deadLetter(groupId).name();
    }
}
