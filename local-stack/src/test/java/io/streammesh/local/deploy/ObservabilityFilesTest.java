package io.streammesh.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streammesh.contracts.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/observability: Prometheus scrapes exactly the compose services that serve /metrics, the alert
 * rules are valid (promtool) and cover what the issue asks, the Grafana provisioning points at the
 * compose Prometheus and the dashboard at that data source. LocalComposeRehearsalIT runs them for real.
 */
class ObservabilityFilesTest {

    private static final Path DIR = Repo.file("deploy/observability");

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryComposeServiceWithAHealthCheckOnItsContainerPort() throws Exception {
        ComposeModel compose = ComposeModel.load(Map.of(), Repo.file("docker-compose.yaml"));
        List<String> withMetrics = compose.defaultServices().stream()
                .filter(s -> "streammesh:local".equals(compose.image(s)) && compose.healthcheck(s).isPresent()).toList();
        Map<String, Object> config = new Yaml().load(Files.readString(DIR.resolve("prometheus/prometheus.yml")));
        Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).get(0);
        Map<String, Object> dns = ((List<Map<String, Object>>) job.get("dns_sd_configs")).get(0);
        assertThat((List<String>) dns.get("names")).containsExactlyInAnyOrderElementsOf(withMetrics);
        assertThat(dns.get("port")).isEqualTo(8080);
        assertThat((List<String>) config.get("rule_files")).containsExactly("alerts.yml");
        assertThat(compose.volumes("prometheus")).extracting(ComposeModel.Volume::source).contains("./deploy/observability/prometheus");
    }

    @Test
    void theAlertRulesCoverLagDeadLettersReplacedThreadsAndTheRetryingSink() throws Exception {
        Map<String, String> alerts = RehearsalChecks.alertExpressions(Files.readString(DIR.resolve("prometheus/alerts.yml")));
        assertThat(alerts).containsKeys("StreammeshConsumerLagHigh", "StreammeshDeadLetters", "StreammeshStreamThreadsReplaced",
                "StreammeshSinkRetrying", "StreammeshTargetDown");
        assertThat(alerts.get("StreammeshConsumerLagHigh")).contains("kafka_consumer_fetch_manager_records_lag_max", "mongosink_consumer_lag");
        assertThat(alerts.get("StreammeshDeadLetters")).contains("streammesh_records_dropped_total{reason=~\"dlq\\\\..*\"}");
        assertThat(alerts.get("StreammeshStreamThreadsReplaced")).contains("kafka_stream_failed_stream_threads_total");
        assertThat(alerts.get("StreammeshSinkRetrying")).contains("mongosink_retries_total", "mongosink_paused");
    }

    @Test
    void promtoolChecksTheRulesAndTheConfig() throws Exception {
        Path promtool = Tools.onPath("promtool").orElse(null);
        assumeTrue(promtool != null, "no promtool on PATH (.ci/run installs Debian's prometheus package)");
        Tools.Result rules = Tools.run(DIR.resolve("prometheus"), Map.of(), List.of(promtool.toString(), "check", "rules", "alerts.yml"), 60);
        assertThat(rules.exitCode()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS: 5 rules found");
        Tools.Result config = Tools.run(DIR.resolve("prometheus"), Map.of(), List.of(promtool.toString(), "check", "config", "prometheus.yml"), 60);
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaIsProvisionedWithTheComposePrometheusAndTheDashboardUsesIt() throws Exception {
        Map<String, Object> datasources = new Yaml().load(Files.readString(DIR.resolve("grafana/provisioning/datasources/prometheus.yml")));
        Map<String, Object> ds = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
        ComposeModel compose = ComposeModel.load(Map.of(), Repo.file("docker-compose.yaml"));
        assertThat(compose.ports("prometheus")).contains("9090:9090");
        assertThat(ds.get("url")).isEqualTo("http://prometheus:9090");
        Map<String, Object> providers = new Yaml().load(Files.readString(DIR.resolve("grafana/provisioning/dashboards/streammesh.yml")));
        String path = ((Map<String, Object>) ((List<Map<String, Object>>) providers.get("providers")).get(0).get("options")).get("path").toString();
        assertThat(compose.volumes("grafana")).extracting(v -> v.source() + ":" + v.target())
                .contains("./deploy/observability/grafana/dashboards:" + path, "./deploy/observability/grafana/provisioning:/etc/grafana/provisioning");

        JsonNode dashboard = Json.MAPPER.readTree(DIR.resolve("grafana/dashboards/streammesh.json").toFile());
        assertThat(dashboard.get("uid").asText()).isEqualTo("streammesh");
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asText());
            assertThat(panel.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo(ds.get("uid"));
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            for (JsonNode t : panel.get("targets")) {
                assertThat(RehearsalChecks.metricsOf(t.get("expr").asText())).as(t.get("expr").asText()).isNotEmpty();
            }
        }
        assertThat(titles).doesNotHaveDuplicates().contains("Consumer lag (records)", "Dead letters / min");
    }

    @Test
    void metricNamesOfAnExpressionLeaveOutFunctionsKeywordsLabelsAndRanges() {
        assertThat(RehearsalChecks.metricsOf("sum by (app, reason) (increase(streammesh_records_dropped_total{reason=~\"dlq\\\\..*\"}[1m])) > 0"
                + " or sum by (app) (x_total unless y_total offset 1m) / on(app) group_left z"))
                .containsExactly("streammesh_records_dropped_total", "x_total", "y_total", "z");
    }
}
