package io.streammesh.bench;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.common.runtime.StreamService;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedMongo;
import io.streammesh.mongosink.MongoSinkService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sink drains job_status into the in-process MongoDB wire-protocol server; throughput is
 * documents acknowledged and committed per second. It writes no topic, so it has no latency run and
 * no topology-only figure.
 */
final class MongoSinkWorkload extends Workload {

    MongoSinkWorkload() {
        super("mongo-sink");
    }

    static Optional<Workload> create() {
        return Optional.of(new MongoSinkWorkload());
    }

    @Override
    List<TopicDef> topics() {
        return Workloads.defs(Topics.JOB_STATUS.name());
    }

    /** 100,000 job statuses per scale unit (1,000,000 at scale 10), each job once. */
    @Override
    Iterable<Input> measured(int scale, SampleRecords r) {
        return generate(100_000L * scale, job -> {
            long price = 100 + job % 400;
            return new Input(Topics.JOB_STATUS.name(), String.valueOf(job), r.jobStatus(job, price, job % 10 < 3 ? price - 5 : price + 5));
        });
    }

    @Override
    List<String> measuredTopics() {
        return List.of(Topics.JOB_STATUS.name());
    }

    @Override
    long measuredCount(int scale) {
        return 100_000L * scale;
    }

    @Override
    boolean freshInput() {
        return true;
    }

    @Override
    Running start(String bootstrapServers, Path stateDir, String applicationId) {
        long expected = measuredCount(scale);
        EmbeddedMongo mongo = EmbeddedMongo.start();
        MongoSinkService sink = MongoSinkService.start(ServiceConfig.of(
                Map.of("bootstrap.servers", bootstrapServers, "group.id", applicationId),
                Map.of("mongodb.uri", mongo.connectionString(), "http.port", "0")));
        return new Running() {
            @Override
            public String groupId() {
                return applicationId;
            }

            /** Each job once, upserted by job_id: exactly as many documents as inputs. */
            @Override
            public String verify() {
                try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(mongo.connectionString())) {
                    long docs = client.getDatabase("marketplace").getCollection("job_status").countDocuments();
                    return docs == expected ? null : "documents: " + docs + ", expected " + expected;
                }
            }

            @Override
            public void close() {
                sink.close();
                mongo.close();
            }
        };
    }

    @Override
    String latencyTopic() {
        return null;
    }

    @Override
    List<Input> latencyEvent(long seq, SampleRecords records) {
        return List.of();
    }

    @Override
    StreamService topology() {
        return null;
    }
}
