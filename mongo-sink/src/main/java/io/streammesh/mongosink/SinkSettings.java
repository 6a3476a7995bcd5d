package io.streammesh.mongosink;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import io.streammesh.common.config.ConfigException;
import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.SettingSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The sink's settings, resolved from a {@link ServiceConfig} (command line, environment
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
    public static final String MONGODB_URI_ENV = "MONGODB_URI";

    public static final String MONGODB_URI = "mongodb.uri";
    public static final String DATABASE = "mongodb.database";
    public static final String MAPPING = "mapping";
    public static final String WRITE_CONCERN = "mongodb.write.concern";
    public static final String MONGODB_TIMEOUT = "mongodb.timeout";
    public static final String BATCH_MAX_RECORDS = "batch.max.records";
    public static final String BATCH_MAX_WAIT = "batch.max.wait";
    public static final String POLL_TIMEOUT = "poll.timeout";
    public static final String RETRY_BACKOFF_INITIAL = "retry.backoff.initial";
    public static final String RETRY_BACKOFF_MAX = "retry.backoff.max";

    public static final List<SettingSpec> SETTINGS = List.of(
            new SettingSpec(MONGODB_URI, "(required)", "MongoDB connection string, also read from env " + MONGODB_URI_ENV),
            new SettingSpec(DATABASE, "marketplace", "database the collections live in"),
            new SettingSpec(MAPPING, TopicMapping.DEFAULT, "topic=collection pairs, comma-separated"),
            new SettingSpec(WRITE_CONCERN, "majority", "w of each bulk write: majority or a number >= 1 (the URI's w= if set)"),
            new SettingSpec(MONGODB_TIMEOUT, "10s", "server selection / connect timeout of one write attempt"),
            new SettingSpec(BATCH_MAX_RECORDS, "5000", "a batch is written once it holds this many records"),
            new SettingSpec(BATCH_MAX_WAIT, "200ms", "how long a partial batch waits for more records"),
            new SettingSpec(POLL_TIMEOUT, "100ms", "longest a poll blocks"),
            new SettingSpec(RETRY_BACKOFF_INITIAL, "500ms", "wait after the first failed write; doubles each failure"),
            new SettingSpec(RETRY_BACKOFF_MAX, "30s", "longest wait between write attempts"),
            new SettingSpec("http.port", "8080", "port of /health and /metrics; 0 picks a free port"),
            new SettingSpec("create.topics", "true", "create missing input and dead-letter topics at start"),
            new SettingSpec("topic.partitions", "6", "partitions of topics this service creates"),
            new SettingSpec("topic.replication.factor", "broker default", "replication factor of topics this service creates"),
            new SettingSpec("startup.timeout", "30s", "how long to wait for the broker at start before giving up"));

    public SinkSettings {
        if (batchMaxRecords < 1) {
            throw new ConfigException(ServiceConfig.describe(BATCH_MAX_RECORDS) + " must be at least 1, got " + batchMaxRecords);
        }
    }

    public static SinkSettings from(ServiceConfig config) {
        String uri = config.setting(MONGODB_URI, null);
        if (uri == null) {
            throw new ConfigException("Missing MongoDB connection string: give --mongodb-uri mongodb://HOST:27017, set "
                    + MONGODB_URI_ENV + ", or " + ServiceConfig.SETTING_PREFIX + MONGODB_URI + " in the config file.");
        }
        ConnectionString cs;
        try {
            cs = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            // the message may quote the URI, and with it a password
            throw new ConfigException("The MongoDB connection string (--mongodb-uri / " + MONGODB_URI_ENV
                    + ") is not valid: it must look like mongodb://[user:password@]host[:port][/?options] or mongodb+srv://...");
        }
        Duration timeout = positive(config, MONGODB_TIMEOUT, Duration.ofSeconds(10));
        Duration initial = positive(config, RETRY_BACKOFF_INITIAL, Duration.ofMillis(500));
        Duration max = positive(config, RETRY_BACKOFF_MAX, Duration.ofSeconds(30));
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(ServiceConfig.describe(RETRY_BACKOFF_MAX) + " must not be shorter than " + RETRY_BACKOFF_INITIAL);
        }
        String group = config.kafka("group.id");
        return new SinkSettings(
                uri,
                config.setting(DATABASE, "marketplace"),
                TopicMapping.parse(List.of(config.setting(MAPPING, TopicMapping.DEFAULT))),
                writeConcern(config.setting(WRITE_CONCERN, null), cs, timeout),
                timeout,
                group == null || group.isBlank() ? NAME : group,
                config.intSetting(BATCH_MAX_RECORDS, 5000),
                positive(config, BATCH_MAX_WAIT, Duration.ofMillis(200)),
                positive(config, POLL_TIMEOUT, Duration.ofMillis(100)),
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
                throw new ConfigException(ServiceConfig.describe(WRITE_CONCERN) + " must be 'majority' or a number >= 1, got '" + setting + "'");
            }
            if (w < 1) {
                throw new ConfigException(ServiceConfig.describe(WRITE_CONCERN) + " must be at least 1: offsets are committed only"
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

    private static Duration positive(ServiceConfig config, String name, Duration defaultValue) {
        Duration d = config.durationSetting(name, defaultValue);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(ServiceConfig.describe(name) + " must be longer than 0, got " + d);
        }
        return d;
    }

    /** The dead-letter topic: {@code <group.id>.dlq}, the group id being this sink's application id. */
    public String deadLetterTopic() {
        return io.streammesh.common.topics.Topics.deadLetter(groupId).name();
    }
}
