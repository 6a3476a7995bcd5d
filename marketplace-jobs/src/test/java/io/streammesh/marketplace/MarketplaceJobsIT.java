package io.streammesh.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streammesh.common.config.ServiceConfig;
import io.streammesh.contracts.Json;
import io.streammesh.common.runtime.DeadLetters;
import io.streammesh.common.runtime.RecordCounters;
import io.streammesh.common.runtime.ServiceRuntime;
import io.streammesh.contracts.Topics;
import io.streammesh.embedded.EmbeddedKafkaBroker;
import io.streammesh.embedded.junit.KafkaBroker;
import io.streammesh.contracts.marketplace.JobStatus;
import io.streammesh.producers.ProducersApp;
import io.streammesh.producers.marketplace.MarketplaceGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marketplace generator through marketplace-jobs on a real broker. */
@KafkaBroker
class MarketplaceJobsIT {

    static final int JOBS = 1000;
    static final long SEED = 11;
    static final long FIRST_JOB_ID = 500_000;

    @TempDir
    Path stateDir;

    @Test
    void aThousandGeneratedJobsGiveExactlyAThousandStatusesAsTheProducerIntended(EmbeddedKafkaBroker broker) {
        ServiceConfig config = ServiceConfig.of(
                Map.of("bootstrap.servers", broker.bootstrapServers(), "commit.interval.ms", "100"),
                Map.of("http.port", "0", "state.dir", stateDir.toString()));
        try (ServiceRuntime runtime = ServiceRuntime.start(new MarketplaceJobsTopology(), config)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> runtime.streams().state() == KafkaStreams.State.RUNNING);

            // a tenth of the records without a key, so both the direct and the re-keyed path carry load
            int rc = ProducersApp.run("marketplace", "-b", broker.bootstrapServers(), "--count", String.valueOf(JOBS),
                    "--seed", String.valueOf(SEED), "--first-job-id", String.valueOf(FIRST_JOB_ID), "--rate", "500",
                    "--null-key-share", "0.1", "--fast", "--summary-every", "1h");
            assertThat(rc).isZero();
            Map<Long, String> intended = MarketplaceGenerator.intendedStatuses(new MarketplaceGenerator.Settings(
                    SEED, FIRST_JOB_ID, 0.3, Duration.ofMinutes(3), 0.1), JOBS);

            List<ConsumerRecord<String, String>> statuses = new ArrayList<>();
            List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.subscribe(List.of(Topics.JOB_STATUS.name(), "marketplace-jobs.dlq"));
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        (r.topic().equals(Topics.JOB_STATUS.name()) ? statuses : deadLetters).add(r);
                    }
                    return statuses.size() >= JOBS;
                });
                // and nothing more: one result per pair, exactly once
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(2))) {
                    (r.topic().equals(Topics.JOB_STATUS.name()) ? statuses : deadLetters).add(r);
                }
            }

            assertThat(statuses).hasSize(JOBS);
            assertThat(deadLetters).isEmpty();
            assertThat(DeadLetters.count("marketplace-jobs")).isZero();
            assertThat(RecordCounters.count("marketplace-jobs", "late")).isZero();
            Map<Long, String> actual = new HashMap<>();
            for (ConsumerRecord<String, String> r : statuses) {
                JobStatus status = Json.read(r.value(), JobStatus.class);
                assertThat(r.key()).isEqualTo(Long.toString(status.jobId()));
                assertThat(actual.put(status.jobId(), status.currentStatus().name())).as("job %d twice", status.jobId()).isNull();
            }
            assertThat(actual).isEqualTo(intended);
            assertThat(actual.values()).contains("ACCEPTED", "REJECTED");
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "marketplace-jobs-it-check",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
