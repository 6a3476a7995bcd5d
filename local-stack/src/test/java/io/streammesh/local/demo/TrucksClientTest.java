package io.streammesh.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.contracts.Json;
import org.junit.jupiter.api.Test;

class TrucksClientTest {

    @Test
    void rowsAreReadFromAnArrayAnObjectHoldingOneOrAnObjectPerJob() {
        assertThat(TrucksClient.rows(Json.tree("[{\"job_id\":\"1\"},{\"job_id\":\"2\"}]"))).hasSize(2);
        assertThat(TrucksClient.rows(Json.tree("{\"count\":1,\"rows\":[{\"job_id\":\"1\"}]}"))).hasSize(1);
        var perJob = TrucksClient.rows(Json.tree("{\"7\":{\"vehicle_id\":\"t\"},\"8\":{\"job_id\":\"8\"}}"));
        assertThat(perJob).hasSize(2);
        assertThat(perJob.get(0).get("job_id").asText()).isEqualTo("7");
        assertThat(TrucksClient.rows(null)).isEmpty();
    }

    @Test
    void withoutTheTrackerThePageSaysSoInsteadOfFailing() {
        var answer = new TrucksClient(() -> 0).trucks();
        assertThat(answer.get("trucks")).isEmpty();
        assertThat(answer.get("error").asText()).contains("truck-tracker is not running");
    }

    @Test
    void anUnreachableTrackerIsAnErrorInTheAnswer() {
        int port = io.streammesh.embedded.EmbeddedKafkaBroker.freePort();
        var answer = new TrucksClient(() -> port).trucks();
        assertThat(answer.get("trucks")).isEmpty();
        assertThat(answer.get("error").asText()).contains("GET http://localhost:" + port + "/trucks failed");
    }
}
