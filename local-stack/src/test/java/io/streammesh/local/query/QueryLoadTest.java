package io.streammesh.local.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streammesh.common.runtime.EventStream;
import io.streammesh.common.runtime.HttpEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load tool against a server answering the query API's shapes: it looks keys up, follows a stream, and counts what came back. */
class QueryLoadTest {

    @Test
    void looksUpTheTablesKeysAndCountsTheSubscribersEvents() throws Exception {
        try (HttpEndpoint server = HttpEndpoint.start("load-target", 0, () -> new HttpEndpoint.Health(true, "RUNNING"), () -> "")) {
            server.route("/v1/tables", call -> {
                if (call.path().equals("/v1/tables/t")) {
                    call.json(200, "{\"table\":\"t\",\"next_cursor\":null,\"rows\":[{\"key\":\"a\",\"value\":{}},{\"key\":\"b\",\"value\":{}}]}");
                } else {
                    call.json(call.path().endsWith("/a") ? 200 : 404, Map.of("id", call.path()));
                }
            });
            server.route("/v1/streams", call -> {
                EventStream stream = call.eventStream(100);
                stream.send(EventStream.event(null, "subscribed", "{}"));
                for (int i = 0; i < 5; i++) {
                    stream.send(EventStream.event("0:" + i, "change", "{\"offset\":" + i + "}"));
                }
            });
            QueryLoad.Figures figures = QueryLoad.run(List.of(URI.create("http://localhost:" + server.port())), Duration.ofSeconds(1),
                    new QueryLoad.Load("t", 50, "job_status", 3));
            assertThat(figures.lookups()).isPositive();
            assertThat(figures.errors()).isZero();
            assertThat(figures.p99Millis()).isGreaterThanOrEqualTo(figures.p50Millis()).isPositive();
            assertThat(figures.subscribers()).isEqualTo(3);
            assertThat(figures.events()).isEqualTo(15);
            assertThat(figures.dropped()).isZero();
        }
    }

    @Test
    void percentilesAreTheNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(QueryLoad.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(QueryLoad.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(QueryLoad.percentile(new long[0], 0.5)).isZero();
    }
}
