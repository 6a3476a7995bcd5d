package io.streammesh.local.demo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;

/** Counts the documents the Mongo sink wrote, through the real MongoDB driver; cached for a second. */
public final class MongoStats implements AutoCloseable {

    private static final long CACHE_MS = 1000;

    private final MongoClient client;
    private final String database;
    private final String collection;
    private long cached = -1;
    private long cachedAt;
    private String error;

    public MongoStats(String uri, String database, String collection) {
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                .build());
        this.database = database;
        this.collection = collection;
    }

    /** Documents in the collection, or -1 when MongoDB cannot be asked (see {@link #error()}). */
    public synchronized long documents() {
        long now = System.currentTimeMillis();
        if (now - cachedAt < CACHE_MS) {
            return cached;
        }
        try {
            cached = client.getDatabase(database).getCollection(collection).countDocuments();
            error = null;
        } catch (RuntimeException e) {
            cached = -1;
            error = e.getMessage();
        }
        cachedAt = now;
        return cached;
    }

    public synchronized String error() {
        return error;
    }

    public String namespace() {
        return database + "." + collection;
    }

    @Override
    public void close() {
        client.close();
    }
}
