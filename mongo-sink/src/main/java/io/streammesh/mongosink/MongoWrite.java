package io.streammesh.mongosink;

import org.bson.Document;

/**
 * What one Kafka record asks of MongoDB: replace (upsert) the document {@code _id} in
 * {@code collection}, or delete it when {@code document} is null (a tombstone).
 */
public record MongoWrite(String collection, Object id, Document document) {

    public boolean isDelete() {
        return document == null;
    }

    public String operation() {
        return isDelete() ? "delete" : "upsert";
    }
}
