package dev.keywatch.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard file as provisioning loads it. That every query returns data is checked end to end
 * against a real Prometheus in the integration tests.
 */
class DashboardTest {
    private static final Pattern EXPR = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern METRIC = Pattern.compile("\\b(keywatch_[a-z_]+)\\b");
    private static final List<String> EXPORTED = List.of("keywatch_llm_responses_total",
            "keywatch_llm_request_duration_seconds_bucket", "keywatch_key_state",
            "keywatch_key_last_success_timestamp_seconds", "keywatch_key_last_failure_timestamp_seconds",
            "keywatch_ratelimit_remaining", "keywatch_agent_info", "keywatch_agent_errors_total",
            "keywatch_key_hygiene_findings");

    @Test
    void loadsThroughFileProvisioningInAnyGrafana() throws Exception {
        String json = new String(Files.readAllBytes(Paths.get("grafana/keywatch-auth-failures.json")), StandardCharsets.UTF_8);
        assertThat(json).contains("\"uid\": \"keywatch-auth-failures\"").contains("\"schemaVersion\": 39")
                .doesNotContain("${DS_").doesNotContain("__inputs");
        assertThat(json).contains("\"name\": \"datasource\"").contains("\"type\": \"datasource\"")
                .contains("\"query\": \"prometheus\"");
        for (String variable : new String[] {"job", "provider", "host", "key"}) {
            assertThat(json).contains("\"name\": \"" + variable + "\"");
        }
        // Every query names the datasource variable; only Grafana's built-in annotation names another.
        assertThat(count(json, "\"uid\": \"${datasource}\"")).isGreaterThanOrEqualTo(count(json, "\"expr\":"));
        assertThat(count(json, "\"datasource\": {")).isEqualTo(count(json, "\"uid\": \"${datasource}\"") + 1);

        List<String> queries = new ArrayList<>();
        Matcher m = EXPR.matcher(json);
        while (m.find()) {
            queries.add(m.group(1));
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(15);
        for (String q : queries) {
            Matcher metric = METRIC.matcher(q);
            while (metric.find()) {
                assertThat(EXPORTED).as("metric in " + q).contains(metric.group(1));
            }
        }
    }

    @Test
    void provisioningPointsAtTheDashboardsFolder() throws Exception {
        String dashboards = new String(Files.readAllBytes(Paths.get("grafana/provisioning/dashboards/keywatch.yml")),
                StandardCharsets.UTF_8);
        String datasources = new String(Files.readAllBytes(Paths.get("grafana/provisioning/datasources/keywatch.yml")),
                StandardCharsets.UTF_8);
        assertThat(dashboards).contains("apiVersion: 1").contains("type: file")
                .contains("path: /var/lib/grafana/dashboards/keywatch");
        assertThat(datasources).contains("apiVersion: 1").contains("type: prometheus");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
