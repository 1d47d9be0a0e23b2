package dev.keywatch.agent.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.credential.ReducedCredential;
import dev.keywatch.exporter.KeywatchMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every response in ../shared/fixtures classifies to the reason the fixture names. */
class FixtureClassificationTest {

    static Path fixtures() {
        String configured = System.getProperty("keywatch.fixtures");
        Path p = configured != null ? Paths.get(configured) : Paths.get("../../shared/fixtures/provider-responses.json");
        assertThat(p).as("shared fixtures").exists();
        return p;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> load() throws Exception {
        String text = new String(Files.readAllBytes(fixtures()), StandardCharsets.UTF_8);
        return (List<Map<String, Object>>) Json.parse(text);
    }

    static CapturedExchange exchange(Map<String, Object> fixture, ReducedCredential credential) {
        Map<String, String> headers = new HashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) fixture.get("headers");
        raw.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.valueOf(v)));
        return CapturedExchange.builder()
                .client("test")
                .provider((String) fixture.get("provider"))
                .host((String) fixture.get("host"))
                .port(443)
                .method("POST")
                .path("/v1/chat/completions")
                .status(((Double) fixture.get("status")).intValue())
                .headers(headers)
                .body((String) fixture.get("body"))
                .credentials(credential == null ? Collections.emptyList() : Collections.singletonList(credential))
                .build();
    }

    @Test
    void everyFixtureClassifiesToItsReason() throws Exception {
        List<Map<String, Object>> fixtures = load();
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(90);
        Classifier classifier = new Classifier();
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> f : fixtures) {
            String provider = (String) f.get("provider");
            Classification c = classifier.classify(exchange(f, TestKeys.wellFormedFor(provider)));
            if (!c.reason().label().equals(f.get("reason"))) {
                wrong.add(f.get("id") + ": expected " + f.get("reason") + ", got " + c.reason().label());
            }
        }
        assertThat(wrong).as("fixtures classified wrongly").isEmpty();
    }

    @Test
    void providerCodeAndRequestIdComeFromTheResponse() throws Exception {
        Classifier classifier = new Classifier();
        for (Map<String, Object> f : load()) {
            Classification c = classifier.classify(exchange(f, TestKeys.wellFormedFor((String) f.get("provider"))));
            switch ((String) f.get("id")) {
                case "openai-429-09":
                    assertThat(c.providerCode()).isEqualTo("insufficient_quota");
                    assertThat(c.requestId()).isEqualTo("req_35fa79810337a6c754c4ebfeed13e332");
                    break;
                case "anthropic-429-30":
                    assertThat(c.providerCode()).isEqualTo("rate_limit_error");
                    assertThat(c.retryAfterSeconds()).isEqualTo(14.0);
                    assertThat(c.rateLimitRemaining(KeywatchMetrics.RATE_LIMITS.indexOf("input_tokens"))).isEqualTo(0.0);
                    assertThat(c.rateLimitRemaining(KeywatchMetrics.RATE_LIMITS.indexOf("requests"))).isEqualTo(49.0);
                    break;
                case "gcp.gemini-400-34":
                    assertThat(c.providerCode()).isEqualTo("API_KEY_INVALID");
                    break;
                case "gcp.gemini-429-41":
                    assertThat(c.retryAfterSeconds()).isEqualTo(34.0);
                    break;
                case "aws.bedrock-403-50":
                    assertThat(c.providerCode()).isEqualTo("UnrecognizedClientException");
                    assertThat(c.requestId()).isEqualTo("362ba592-cc8b-ccdf-ba83-d9d0522aa2b5");
                    break;
                case "azure.ai.openai-429-20":
                    assertThat(c.retryAfterSeconds()).isEqualTo(7.0);
                    assertThat(c.requestId()).isEqualTo("56150eb0-deee-826f-eb67-815129906f11");
                    break;
                case "mistral_ai-401-62":
                    assertThat(c.requestId()).isEqualTo("41b01a58098baafcc9601412018d0334");
                    break;
                default:
            }
        }
    }
}
