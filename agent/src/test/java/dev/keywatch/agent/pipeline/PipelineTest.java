package dev.keywatch.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.agent.classify.Classifier;
import dev.keywatch.agent.keys.KeyMemory;
import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.exporter.KeywatchMetrics;
import dev.keywatch.exporter.events.CallEvents;
import dev.keywatch.exporter.events.EventLog;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Key memory through the pipeline: revoked after working, the state gauge, the keys.max bound. */
class PipelineTest {
    private static final String INVALID =
            "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

    private final CredentialReducer reducer = new CredentialReducer("s", true);
    private final KeywatchMetrics metrics = new KeywatchMetrics("t", Collections.singletonList("okhttp"));

    private CapturedExchange call(String key, int status, String body) {
        return CapturedExchange.builder().client("test").provider("openai").host("api.openai.com").port(443)
                .method("POST").path("/v1/chat/completions").status(status).body(body)
                .headers(Collections.emptyMap())
                .credentials(Collections.singletonList(reducer.reduceAuthorization("Bearer " + key))).build();
    }

    private CapturedExchange success(String key, java.util.Map<String, String> headers) {
        return CapturedExchange.builder().client("test").provider("openai").host("api.openai.com").port(443)
                .method("POST").path("/v1/chat/completions").status(200).headers(headers)
                .credentials(Collections.singletonList(reducer.reduceAuthorization("Bearer " + key))).build();
    }

    private static String gauge(String text, String fp, String limit) {
        String series = "keywatch_ratelimit_remaining{key=\"" + fp + "\",limit=\"" + limit + "\",provider=\"openai\"} ";
        int at = text.indexOf(series);
        return at < 0 ? null : text.substring(at + series.length(), text.indexOf('\n', at));
    }

    private static CallEvents events() {
        return new CallEvents(EventLog.open("off", EventLog.DEFAULT_MAX_BYTES, 0, m -> { }), null, false,
                CallEvents.CAPACITY, (component, error) -> { throw new AssertionError(component, error); });
    }

    private static String key(int n) {
        return "sk-proj-" + String.format("%074d", n) + "T3BlbkFJ" + String.format("%074d", n);
    }

    @Test
    void aKeyRejectedAfterWorkingIsRevoked() {
        Pipeline pipeline = new Pipeline(new Classifier(), new KeyMemory(10, Collections.emptyMap()), () -> metrics,
                events());
        String fp = reducer.reduceAuthorization("Bearer " + key(1)).fingerprint();
        pipeline.accept(call(key(2), 401, INVALID)); // never worked: invalid
        pipeline.accept(call(key(1), 200, null));
        pipeline.accept(call(key(1), 401, INVALID)); // worked before: revoked

        String text = metrics.scrape(null);
        assertThat(text).contains("reason=\"revoked_key\",status=\"401\"} 1.0");
        assertThat(text).contains("reason=\"invalid_key\",status=\"401\"} 1.0");
        assertThat(text).contains("keywatch_key_state{key=\"" + fp + "\",provider=\"openai\",state=\"revoked\"} 1.0");
        assertThat(text).contains("keywatch_key_state{key=\"" + fp + "\",provider=\"openai\",state=\"healthy\"} 0.0");
    }

    @Test
    void keysBeyondTheLimitAreOtherAndAliasesReplaceFingerprints() {
        String fp = reducer.reduceAuthorization("Bearer " + key(1)).fingerprint();
        Pipeline pipeline = new Pipeline(new Classifier(), new KeyMemory(2, Collections.singletonMap(fp, "prod-main")),
                () -> metrics, events());
        for (int i = 1; i <= 50; i++) {
            pipeline.accept(call(key(i), 200, null));
        }
        String text = metrics.scrape(null);
        assertThat(text).contains("key=\"prod-main\",provider=\"openai\",reason=\"ok\",status=\"200\"} 1.0");
        assertThat(text).contains("key=\"other\",provider=\"openai\",reason=\"ok\",status=\"200\"} 48.0");
        assertThat(text.split("keywatch_key_state\\{").length - 1).isEqualTo(2 * KeywatchMetrics.KEY_STATES.size());
    }

    @Test
    void theRateLimitGaugeShowsTheLatestCountThatIsANumberAndNoOtherLimit() {
        Pipeline pipeline = new Pipeline(new Classifier(), new KeyMemory(10, Collections.emptyMap()), () -> metrics,
                events());
        String fp = reducer.reduceAuthorization("Bearer " + key(1)).fingerprint();
        pipeline.accept(success(key(1), Collections.emptyMap()));
        assertThat(metrics.scrape(null)).doesNotContain("keywatch_ratelimit_remaining{");

        java.util.Map<String, String> first = new java.util.LinkedHashMap<>();
        first.put("x-ratelimit-remaining-requests", "4999");
        first.put("x-ratelimit-remaining-tokens", "149000");
        pipeline.accept(success(key(1), first));
        pipeline.accept(success(key(1), Collections.singletonMap("x-ratelimit-remaining-requests", "4998")));
        String text = metrics.scrape(null);
        assertThat(gauge(text, fp, "requests")).isEqualTo("4998.0");
        assertThat(gauge(text, fp, "tokens")).as("not in the latest response: the one before stands").isEqualTo("149000.0");
        assertThat(gauge(text, fp, "input_tokens")).isNull();

        // Not a number: the last count that was one stays, scrape after scrape.
        pipeline.accept(success(key(1), Collections.singletonMap("x-ratelimit-remaining-requests", "lots")));
        assertThat(gauge(metrics.scrape(null), fp, "requests")).isEqualTo("4998.0");
        assertThat(gauge(metrics.scrape(null), fp, "requests")).isEqualTo("4998.0");
        pipeline.accept(success(key(1), Collections.singletonMap("x-ratelimit-remaining-requests", " 17 ")));
        assertThat(gauge(metrics.scrape(null), fp, "requests")).isEqualTo("17.0");
    }
}
