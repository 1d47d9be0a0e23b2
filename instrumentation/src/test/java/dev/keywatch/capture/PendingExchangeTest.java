package dev.keywatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keywatch.capture.trace.ActiveSpanReader;
import dev.keywatch.capture.trace.TraceParent;
import dev.keywatch.credential.CredentialReducer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingExchangeTest {
    private final List<CapturedExchange> reported = new ArrayList<>();
    private final TraceParent parent = new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true, null);
    private final CaptureSettings settings = new CaptureSettings((host, port) -> "openai", new CredentialReducer(null, true),
            reported::add, (c, e) -> { throw new AssertionError(c, e); }, 8192, 1000, client -> parent);

    @Test
    void theSpanActiveAtTheStartTravelsWithTheExchange() {
        PendingExchange e = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443)
                .describeRequest("POST", "/v1/chat/completions", Collections.emptyList(), -1);
        e.onResponse(200, Collections.emptyMap());
        e.responseFinished();
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).traceParent()).isSameAs(parent);
    }

    @Test
    void isReportedOnlyOnceEverythingItWaitsForHasArrived() {
        PendingExchange success = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443);
        success.onResponse(200, Collections.emptyMap());
        assertThat(success.isReported()).isFalse();
        success.responseFinished();
        assertThat(success.isReported()).isTrue();

        PendingExchange error = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443);
        assertThat(error.onResponse(401, Collections.emptyMap())).isTrue();
        error.startBody();
        error.responseFinished();
        assertThat(error.isReported()).as("still waiting for the error body").isFalse();
        error.bodyFinished();
        assertThat(error.isReported()).isTrue();
        assertThat(reported).hasSize(2);
    }

    @Test
    void anOtlpExportIsNeverAnLlmCallEvenOnAnLlmHost() {
        for (String path : new String[] {"/v1/traces", "/otlp/v1/metrics", "/v1/logs",
                "/opentelemetry.proto.collector.trace.v1.TraceService/Export"}) {
            PendingExchange e = new PendingExchange(settings, "test", getClass(), "openai", "gateway.example", 443)
                    .describeRequest("POST", path, Collections.emptyList(), -1);
            e.onResponse(200, Collections.emptyMap());
            e.responseFinished();
        }
        assertThat(reported).hasSize(4).allSatisfy(exchange -> assertThat(exchange.completed()).isNull());
    }

    @Test
    void theRequestsLateDetailsAreReadWhenTheExchangeIsCompletedNotWhenItIsReported() throws Throwable {
        List<String> readOn = new ArrayList<>();
        PendingExchange e = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443)
                .describeLater(b -> {
                    readOn.add(Thread.currentThread().getName());
                    b.method("POST").path("/v1/chat/completions").credentials(Collections.singletonList(
                            settings.reducer().reduceAuthorization("Bearer sk-proj-abc")));
                });
        e.onResponse(200, Collections.singletonMap("x-request-id", "req_1"));
        e.responseFinished();

        assertThat(reported).hasSize(1);
        assertThat(readOn).isEmpty();
        CapturedExchange sent = reported.get(0);
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.credentials()).isEmpty();
        assertThat(sent.header("x-request-id")).as("response headers are read at once").isEqualTo("req_1");

        Thread reporter = new Thread(() -> reported.set(0, sent.completed()), "reporter");
        reporter.start();
        reporter.join();
        CapturedExchange completed = reported.get(0);
        assertThat(readOn).containsExactly("reporter");
        assertThat(completed.method()).isEqualTo("POST");
        assertThat(completed.path()).isEqualTo("/v1/chat/completions");
        assertThat(completed.credentials()).hasSize(1);
        assertThat(completed.header("x-request-id")).isEqualTo("req_1");
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.durationNanos()).isEqualTo(sent.durationNanos());
        assertThat(completed.traceParent()).isSameAs(parent);
        assertThat(completed.completed()).isSameAs(completed);
        assertThat(completed).as("read into the exchange itself, not a copy").isSameAs(sent);
        assertThat(catchThrowable(() -> completed.method("GET"))).isInstanceOf(IllegalStateException.class);
        assertThat(completed.method()).isEqualTo("POST");
    }

    @Test
    void anOtlpExportLearntLateIsDroppedWhenCompleted() throws Throwable {
        PendingExchange e = new PendingExchange(settings, "test", getClass(), "openai", "gateway.example", 443)
                .describeLater(b -> b.method("POST").path("/v1/traces"));
        e.onResponse(200, Collections.emptyMap());
        e.responseFinished();
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).completed()).isNull();
    }

    @Test
    void aLateReadThatFailsSaysWhyWhenCompleted() throws Throwable {
        IllegalStateException unchecked = new IllegalStateException("gone");
        Exception checked = new IOException("closed");
        for (Throwable thrown : new Throwable[] {unchecked, checked}) {
            reported.clear();
            PendingExchange e = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443)
                    .describeLater(b -> {
                        throw thrown;
                    });
            e.onResponse(200, Collections.emptyMap());
            e.responseFinished();
            assertThat(catchThrowable(() -> reported.get(0).completed()))
                    .satisfies(t -> assertThat(t == thrown || t.getCause() == thrown).isTrue());
        }
    }

    @Test
    void anErrorBodyIsCopiedUnlessItIsAnEventStream() {
        PendingExchange e = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443);
        assertThat(e.onResponse(401, Collections.singletonMap("content-type", "application/json"))).isTrue();
        PendingExchange stream = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443);
        assertThat(stream.onResponse(503, Collections.singletonMap("content-type", "text/event-stream"))).isFalse();
        PendingExchange success = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443);
        assertThat(success.onResponse(200, Collections.singletonMap("content-type", "application/json"))).isFalse();
    }

    @Test
    void onlyTheFirstResponseCounts() throws Throwable {
        PendingExchange e = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443);
        assertThat(e.onResponse(200, Collections.singletonMap("x-request-id", "req_first"))).isFalse();
        assertThat(e.hasResponse()).isTrue();
        assertThat(e.onResponse(401, Collections.singletonMap("x-request-id", "req_second"))).isFalse();
        assertThat(e.onResponse(500, Collections.emptyMap())).isFalse();
        e.responseFinished();
        CapturedExchange completed = reported.get(0).completed();
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.header("x-request-id")).isEqualTo("req_first");
    }

    @Test
    void withSpansOffNothingIsRead() {
        assertThat(ActiveSpanReader.NONE.current(getClass())).isNull();
    }
}
