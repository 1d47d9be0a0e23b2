package dev.keywatch.agent.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.exporter.KeywatchMetrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The remaining requests and tokens a provider reports on every response, read on each one. */
class RateLimitHeadersTest {
    private final Classifier classifier = new Classifier();

    /** Each limit the response reported, by name, with the count left. */
    private Map<String, Double> remaining(Map<String, String> headers) {
        Classification c = classifier.classify(CapturedExchange.builder().client("test").provider("openai").host("h")
                .port(443).method("POST").path("/v1/chat/completions").status(200).headers(headers)
                .credentials(Collections.emptyList()).build());
        Map<String, Double> reported = new LinkedHashMap<>();
        for (int i = 0; i < KeywatchMetrics.RATE_LIMITS.size(); i++) {
            if (!Double.isNaN(c.rateLimitRemaining(i))) {
                reported.put(KeywatchMetrics.RATE_LIMITS.get(i), c.rateLimitRemaining(i));
            }
        }
        boolean anyHeader = false;
        for (int i = 0; i < KeywatchMetrics.RATE_LIMITS.size(); i++) {
            anyHeader |= c.rateLimitCount(i) != null;
        }
        assertThat(c.reportsRateLimits()).isEqualTo(anyHeader);
        return reported;
    }

    @Test
    void readsWholeCountsAndAnythingElseANumberCanBe() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-remaining-requests", "4999");
        headers.put("x-ratelimit-remaining-tokens", " 149984 ");
        headers.put("anthropic-ratelimit-input-tokens-remaining", "12.5");
        headers.put("anthropic-ratelimit-output-tokens-remaining", "0");
        assertThat(remaining(headers)).containsOnly(Map.entry("requests", 4999.0), Map.entry("tokens", 149984.0),
                Map.entry("input_tokens", 12.5), Map.entry("output_tokens", 0.0));
    }

    @Test
    void leavesOutWhatIsNotANumber() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-remaining-requests", "");
        headers.put("x-ratelimit-remaining-tokens", "12k");
        headers.put("anthropic-ratelimit-input-tokens-remaining", "9999999999999999999999");
        headers.put("anthropic-ratelimit-output-tokens-remaining", "-3");
        assertThat(remaining(headers)).containsOnly(Map.entry("input_tokens", 1.0E22), Map.entry("output_tokens", -3.0));
        assertThat(remaining(Collections.singletonMap("x-ratelimit-remaining-tokens", "n/a"))).isEmpty();
    }

    @Test
    void theFirstHeaderOfALimitWinsAndNoHeaderReportsNoLimit() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ratelimit-remaining-tokens", "7");
        headers.put("anthropic-ratelimit-tokens-remaining", "9");
        assertThat(remaining(headers)).containsOnly(Map.entry("tokens", 7.0));
        // The first header is taken as it is, before it is parsed (when a scrape reads it): one that is not a
        // number hides a later one of the same limit. No provider sends two families of these headers.
        headers.put("x-ratelimit-remaining-tokens", "7k");
        assertThat(remaining(headers)).isEmpty();
        assertThat(remaining(Collections.singletonMap("x-request-id", "req_1"))).isEmpty();
    }
}
