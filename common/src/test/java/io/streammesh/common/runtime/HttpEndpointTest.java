package io.streammesh.common.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(HttpEndpoint endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndMetricsAnswerWhileEveryQueryThreadIsBusyAndOneQueryTooManyIsTurnedAwayWith503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        try (HttpEndpoint endpoint = HttpEndpoint.start("pool-test", 0, 1, () -> new HttpEndpoint.Health(true, "RUNNING"),
                () -> "metric 1\n")) {
            endpoint.route("/slow", call -> {
                started.incrementAndGet();
                release.await(30, TimeUnit.SECONDS);
                call.json(200, "{\"done\":true}");
            });
            // one query running, the queue of one thread full
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            for (int i = 0; i < 1 + HttpEndpoint.QUEUED_PER_THREAD; i++) {
                waiting.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + endpoint.port() + "/slow")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> busy = get(endpoint, "/slow");
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(busy.body()).contains("busy");
            });

            assertThat(get(endpoint, "/health").body()).isEqualTo("{\"status\":\"UP\",\"state\":\"RUNNING\"}");
            assertThat(get(endpoint, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(endpoint, "/health/ready").statusCode()).isEqualTo(200);
            assertThat(get(endpoint, "/metrics").body()).isEqualTo("metric 1\n");

            release.countDown();
            for (CompletableFuture<HttpResponse<String>> w : waiting) {
                assertThat(w.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void healthSaysDownWithItsStateAndUnknownPathsAreJson404s() throws Exception {
        try (HttpEndpoint endpoint = HttpEndpoint.start("health-test", 0, () -> new HttpEndpoint.Health(true, false, "REBALANCING"),
                () -> "")) {
            endpoint.route("/trucks", call -> call.json(200, "[]"));
            HttpResponse<String> ready = get(endpoint, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"state\":\"REBALANCING\"}");
            assertThat(get(endpoint, "/health").statusCode()).isEqualTo(503);
            assertThat(get(endpoint, "/health/live").body()).isEqualTo("{\"status\":\"UP\",\"state\":\"REBALANCING\"}");
            assertThat(get(endpoint, "/health/other").statusCode()).isEqualTo(404);
            assertThat(get(endpoint, "/trucks/7").statusCode()).isEqualTo(200);
            HttpResponse<String> none = get(endpoint, "/truckstop");
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(none.headers().firstValue("Content-Type")).hasValue("application/json");
        }
    }

    @Test
    void aPortInUseIsOneClearLine() {
        try (HttpEndpoint first = HttpEndpoint.start("first", 0, () -> new HttpEndpoint.Health(true, "RUNNING"), () -> "")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            HttpEndpoint.start("second", first.port(), () -> new HttpEndpoint.Health(true, "RUNNING"), () -> ""))
                    .isInstanceOf(io.streammesh.common.config.ConfigException.class)
                    .hasMessageContaining("HTTP port " + first.port() + " is already in use");
        }
    }
}
