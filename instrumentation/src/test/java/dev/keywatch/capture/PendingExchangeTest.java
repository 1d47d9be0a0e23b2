package dev.keywatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.capture.trace.ActiveSpanReader;
import dev.keywatch.capture.trace.TraceParent;
import dev.keywatch.credential.CredentialReducer;
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
    void anOtlpExportIsNeverAnLlmCallEvenOnAnLlmHost() {
        for (String path : new String[] {"/v1/traces", "/otlp/v1/metrics", "/v1/logs",
                "/opentelemetry.proto.collector.trace.v1.TraceService/Export"}) {
            PendingExchange e = new PendingExchange(settings, "test", getClass(), "openai", "gateway.example", 443)
                    .describeRequest("POST", path, Collections.emptyList(), -1);
            e.onResponse(200, Collections.emptyMap());
            e.responseFinished();
        }
        assertThat(reported).isEmpty();
    }

    @Test
    void withSpansOffNothingIsRead() {
        assertThat(ActiveSpanReader.NONE.current(getClass())).isNull();
    }
}
