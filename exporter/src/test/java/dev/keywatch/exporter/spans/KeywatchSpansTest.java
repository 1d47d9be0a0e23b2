package dev.keywatch.exporter.spans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.exporter.events.CallEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The span of one call: its parent, times, and the contract's attributes. */
class KeywatchSpansTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final List<String> errors = new ArrayList<>();
    private final SpanBudget budget = new SpanBudget(10);
    private final KeywatchSpans spans = new KeywatchSpans(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(new BudgetedSpanExporter(exported, budget,
                            (component, error) -> errors.add(component))))
                    .build())
            .build(), "9.9.9", budget, (component, error) -> errors.add(component));

    private static CallEvent.Builder revoked() {
        return CallEvent.builder().startEpochNanos(1_700_000_000_000_000_000L).durationNanos(250_000_000L)
                .client("okhttp").provider("gcp.gemini").host("generativelanguage.googleapis.com").port(443)
                .method("POST").path("/v1beta/models/gemini-2.5-flash:generateContent").status(401)
                .category("auth").reason("revoked_key").providerCode("API_KEY_INVALID").requestId("req_1")
                .keyLabel("prod-main").fingerprint("kf_0123abcd").hint("AIza\u2026wxyz").retryAfterSeconds(2.5)
                .retryAttempt(1);
    }

    @Test
    void aFailedCallIsAClientSpanUnderTheApplicationsSpan() {
        String[] ids = spans.export(revoked().parent(TRACE, PARENT, true, Collections.singletonMap("vendor", "v1"))
                .build());

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(ids).containsExactly(span.getTraceId(), span.getSpanId());
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT);
        assertThat(span.getSpanContext().getTraceState().get("vendor")).isEqualTo("v1");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getName()).isEqualTo("generate_content gemini-2.5-flash");
        assertThat(span.getStartEpochNanos()).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(span.getEndEpochNanos()).isEqualTo(1_700_000_000_250_000_000L);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.keywatch");
        assertThat(span.getInstrumentationScopeInfo().getVersion()).isEqualTo("9.9.9");
        assertThat(span.getAttributes().asMap()).containsOnly(
                entry("gen_ai.provider.name", "gcp.gemini"),
                entry("gen_ai.operation.name", "generate_content"),
                entry("gen_ai.request.model", "gemini-2.5-flash"),
                entry("server.address", "generativelanguage.googleapis.com"),
                entry(AttributeKey.longKey("server.port"), 443L),
                entry("http.request.method", "POST"),
                entry(AttributeKey.longKey("http.response.status_code"), 401L),
                entry("url.path", "/v1beta/models/gemini-2.5-flash:generateContent"),
                entry("error.type", "revoked_key"),
                entry("keywatch.category", "auth"),
                entry("keywatch.reason", "revoked_key"),
                entry("keywatch.provider_code", "API_KEY_INVALID"),
                entry("keywatch.request_id", "req_1"),
                entry("keywatch.key", "prod-main"),
                entry("keywatch.key.fingerprint", "kf_0123abcd"),
                entry("keywatch.key.hint", "AIza\u2026wxyz"),
                entry(AttributeKey.doubleKey("keywatch.retry_after_seconds"), 2.5),
                entry(AttributeKey.longKey("keywatch.retry_attempt"), 1L),
                entry("keywatch.client", "okhttp"));
        assertThat(budget.inFlight()).isZero();
        assertThat(errors).isEmpty();
    }

    @Test
    void withoutAnActiveSpanTheSpanStartsATrace() {
        spans.export(revoked().build());
        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void aSuccessHasNoErrorTypeAndUnsetStatus() {
        spans.export(revoked().status(200).category("ok").reason("ok").providerCode(null).build());
        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
    }

    @Test
    void anUnsampledParentMakesNoSpanAndHoldsNoPlace() {
        String[] ids = spans.export(revoked().parent(TRACE, PARENT, false, null).build());
        assertThat(ids).isNull();
        assertThat(exported.getFinishedSpanItems()).isEmpty();
        assertThat(budget.inFlight()).isZero();
    }

    @Test
    void aFullQueueDropsAndCounts() {
        SpanBudget full = new SpanBudget(0);
        KeywatchSpans dropping = new KeywatchSpans(OpenTelemetrySdk.builder().build(), "1", full,
                (component, error) -> errors.add(component));
        assertThat(dropping.export(revoked().build())).isNull();
        assertThat(errors).containsExactly("spans");
    }

    private static java.util.Map.Entry<AttributeKey<?>, Object> entry(String key, String value) {
        return entry(AttributeKey.stringKey(key), value);
    }

    private static java.util.Map.Entry<AttributeKey<?>, Object> entry(AttributeKey<?> key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
