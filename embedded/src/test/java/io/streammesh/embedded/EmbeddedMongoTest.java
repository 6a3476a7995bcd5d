package io.streammesh.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class EmbeddedMongoTest {

    @Test
    void aStoppedAndRestartedServerKeepsItsPortAndItsData() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start()) {
            int port = mongo.port();
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                client.getDatabase("db").getCollection("c").insertOne(new Document("_id", 1).append("v", "before"));
            }
            mongo.stop();
            assertThat(mongo.isRunning()).isFalse();
            mongo.restart();
            assertThat(mongo.port()).isEqualTo(port);
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                var c = client.getDatabase("db").getCollection("c");
                c.insertOne(new Document("_id", 2).append("v", "after"));
                assertThat(c.countDocuments()).isEqualTo(2);
                assertThat(c.find(new Document("_id", 1)).first().getString("v")).isEqualTo("before");
            }
        }
    }
}
