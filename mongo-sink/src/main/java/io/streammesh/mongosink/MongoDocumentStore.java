package io.streammesh.mongosink;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * MongoDB through the official sync driver: a record's write is a {@code replaceOne} upsert by
 * {@code _id}, a tombstone's a {@code deleteOne} by {@code _id}, so writing a batch twice changes
 * nothing. Unless the connection string sets them, the driver's
 * timeouts are shortened so that an unreachable server fails an attempt in seconds (the sink then
 * backs off and retries) instead of blocking the consumer loop for the driver's default 30 s, and a
 * hung server cannot block it forever.
 */
public final class MongoDocumentStore implements DocumentStore {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoClient client;
    private final MongoDatabase database;
    private final String description;

    public MongoDocumentStore(String uri, String databaseName, WriteConcern writeConcern, Duration timeout) {
        ConnectionString cs = new ConnectionString(uri);
        boolean csot = cs.getTimeout() != null;
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applicationName(cs.getApplicationName() == null ? "streammesh-mongo-sink" : cs.getApplicationName())
                .applyToClusterSettings(b -> {
                    if (cs.getServerSelectionTimeout() == null && !csot) {
                        b.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    }
                })
                .applyToSocketSettings(b -> {
                    if (cs.getConnectTimeout() == null && !csot) {
                        b.connectTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    if (cs.getSocketTimeout() == null && !csot) {
                        b.readTimeout((int) Math.max(timeout.toMillis(), 60_000), TimeUnit.MILLISECONDS);
                    }
                })
                .build();
        this.client = MongoClients.create(settings);
        this.database = client.getDatabase(databaseName).withWriteConcern(writeConcern);
        this.description = String.join(",", cs.getHosts()) + "/" + databaseName + " (w=" + describe(writeConcern) + ")";
    }

    static String describe(WriteConcern wc) {
        Object w = wc.getWObject();
        return w == null ? "default" : w.toString();
    }

    @Override
    public void write(String collection, List<MongoWrite> writes) {
        database.getCollection(collection).bulkWrite(writes.stream().map(MongoDocumentStore::model).toList(), UNORDERED);
    }

    static WriteModel<Document> model(MongoWrite write) {
        return write.isDelete()
                ? new DeleteOneModel<>(Filters.eq("_id", write.id()))
                : new ReplaceOneModel<>(Filters.eq("_id", write.id()), write.document(), UPSERT);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        client.close();
    }
}
