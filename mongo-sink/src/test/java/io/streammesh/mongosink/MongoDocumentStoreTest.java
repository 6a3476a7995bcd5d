package io.streammesh.mongosink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.streammesh.embedded.EmbeddedMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real MongoDB driver against the in-process wire-protocol server. */
class MongoDocumentStoreTest {

    EmbeddedMongo mongo;
    MongoClient reader;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.start();
        reader = MongoClients.create(mongo.connectionString());
    }

    @AfterEach
    void stop() {
        reader.close();
        mongo.close();
    }

    static MongoWrite upsert(Object id, String status) {
        return new MongoWrite("job_status", id, new Document("_id", id).append("current_status", status));
    }

    static MongoWrite delete(Object id) {
        return new MongoWrite("job_status", id, null);
    }

    @Test
    void upsertsAndDeletesWithMajorityWriteConcern() {
        WriteConcern majority = WriteConcern.MAJORITY.withWTimeout(30, TimeUnit.SECONDS);
        try (MongoDocumentStore store = new MongoDocumentStore(mongo.connectionString(), "marketplace", majority, Duration.ofSeconds(2))) {
            assertThat(store.describe()).isEqualTo("localhost:" + mongo.port() + "/marketplace (w=majority)");
            List<MongoWrite> batch = new ArrayList<>();
            for (long job = 1; job <= 1000; job++) {
                batch.add(upsert(job, "REJECTED"));
            }
            store.write("job_status", batch);
            store.write("job_status", List.of(upsert(1L, "ACCEPTED"), delete(2L),
                    delete(99999L)));
            // the same batch again (a replay after a crash) changes nothing
            store.write("job_status", List.of(upsert(1L, "ACCEPTED"), delete(2L)));
        }
        var collection = reader.getDatabase("marketplace").getCollection("job_status");
        assertThat(collection.countDocuments()).isEqualTo(999);
        assertThat(collection.find(Filters.eq("_id", 1L)).first().getString("current_status")).isEqualTo("ACCEPTED");
        assertThat(collection.find(Filters.eq("_id", 2L)).first()).isNull();
    }

    @Test
    void anUnreachableServerFailsTheAttemptWithinTheTimeoutAndTheStoreWorksAgainWhenItIsBack() {
        try (MongoDocumentStore store = new MongoDocumentStore(mongo.connectionString(), "marketplace", WriteConcern.W1, Duration.ofMillis(500))) {
            store.write("job_status", List.of(upsert(1L, "A")));
            mongo.stop();
            assertThatThrownBy(() -> store.write("job_status", List.of(upsert(2L, "A")))).isInstanceOf(MongoException.class);
            mongo.restart();
            // the driver rediscovers the server on its own; the sink retries until it has
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .untilAsserted(() -> store.write("job_status", List.of(upsert(2L, "A"))));
        }
        assertThat(reader.getDatabase("marketplace").getCollection("job_status").countDocuments()).isEqualTo(2);
    }
}
