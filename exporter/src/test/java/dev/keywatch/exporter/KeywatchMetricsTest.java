package dev.keywatch.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywatchMetricsTest {

    private static final class FixedKey implements KeyView {
        String state = "healthy";
        final Map<String, Double> limits = new HashMap<>();

        @Override public String provider() { return "openai"; }
        @Override public String key() { return "kf_0123abcd"; }
        @Override public String state() { return state; }
        @Override public double lastSuccessSeconds() { return 1700000000; }
        @Override public double lastFailureSeconds(String category) { return "auth".equals(category) ? 1700000100 : 0; }
        @Override public double rateLimitRemaining(String limit) { return limits.getOrDefault(limit, Double.NaN); }
    }

    @Test
    void exportsEveryContractNameWithItsLabels() {
        KeywatchMetrics metrics = new KeywatchMetrics("1.2.3", Arrays.asList("okhttp", "jdk-httpclient"));
        metrics.recordResponse(new ResponseRecord("openai", "api.openai.com", 401, "auth", "invalid_key",
                "kf_0123abcd", 0.2));
        FixedKey key = new FixedKey();
        key.limits.put("tokens", 42.0);
        metrics.trackKey(key);
        metrics.trackRateLimit(key, "tokens");
        metrics.hygieneFinding("openai", "OPENAI_API_KEY", "trailing_whitespace");

        String text = metrics.scrape(null);

        assertThat(text).contains("keywatch_llm_responses_total{category=\"auth\",host=\"api.openai.com\","
                + "key=\"kf_0123abcd\",provider=\"openai\",reason=\"invalid_key\",status=\"401\"} 1.0");
        assertThat(text).contains("keywatch_llm_request_duration_seconds_bucket{category=\"auth\",provider=\"openai\",le=\"0.25\"} 1");
        assertThat(text).contains("keywatch_key_state{key=\"kf_0123abcd\",provider=\"openai\",state=\"healthy\"} 1.0");
        assertThat(text).contains("keywatch_key_state{key=\"kf_0123abcd\",provider=\"openai\",state=\"revoked\"} 0.0");
        assertThat(text).contains("keywatch_key_last_success_timestamp_seconds{key=\"kf_0123abcd\",provider=\"openai\"} 1.7E9");
        assertThat(text).contains("keywatch_key_last_failure_timestamp_seconds{category=\"auth\",key=\"kf_0123abcd\",provider=\"openai\"}");
        assertThat(text).contains("keywatch_key_last_failure_timestamp_seconds{category=\"quota\",key=\"kf_0123abcd\",provider=\"openai\"} 0.0");
        assertThat(text).contains("keywatch_ratelimit_remaining{key=\"kf_0123abcd\",limit=\"tokens\",provider=\"openai\"} 42.0");
        assertThat(text).contains("keywatch_agent_info{instrumentations=\"okhttp,jdk-httpclient\",version=\"1.2.3\"} 1");
        assertThat(text).contains("keywatch_agent_errors_total{component=\"advice\"} 0.0");
        assertThat(text).contains("keywatch_key_hygiene_findings{finding=\"trailing_whitespace\",provider=\"openai\",variable=\"OPENAI_API_KEY\"} 1.0");

        key.state = "revoked";
        assertThat(metrics.scrape(null))
                .contains("keywatch_key_state{key=\"kf_0123abcd\",provider=\"openai\",state=\"revoked\"} 1.0");
    }

    @Test
    void servesMetricsOverHttp() throws Exception {
        KeywatchMetrics metrics = new KeywatchMetrics("1.2.3", Arrays.asList("okhttp"));
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(metrics, "127.0.0.1", 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("text/plain"));
            assertThat(response.body()).contains("keywatch_agent_info");

            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + endpoint.port();
            HttpResponse<String> openMetrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics?x=1"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(openMetrics.headers().firstValue("content-type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/openmetrics-text"));
            assertThat(openMetrics.body()).endsWith("# EOF\n");
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
            HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }
}
