package dev.keywatch.capture.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application's own OpenTelemetry (no Java agent): its active span, read by reflection. */
class OpenTelemetrySpanReaderTest {
    private final List<Throwable> errors = new ArrayList<>();
    private final OpenTelemetrySpanReader reader = new OpenTelemetrySpanReader((c, e) -> errors.add(e));

    /** An SDK with a processor: one without any makes no valid spans at all. */
    private static SdkTracerProviderBuilder tracerProvider() {
        return SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
            }

            @Override
            public boolean isEndRequired() {
                return false;
            }
        });
    }

    @Test
    void readsTheActiveSpanOfTheApplicationsSdk() {
        Span span = tracerProvider().build().get("app").spanBuilder("handle").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            TraceParent parent = reader.current(getClass());
            assertThat(errors).isEmpty();
            assertThat(parent.traceId()).isEqualTo(span.getSpanContext().getTraceId());
            assertThat(parent.spanId()).isEqualTo(span.getSpanContext().getSpanId());
            assertThat(parent.sampled()).isTrue();
        } finally {
            span.end();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void carriesTheSamplingDecisionAndTraceState() {
        SpanContext remote = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.builder().put("congo", "t61rcWkgMzE").build());
        try (Scope ignored = Context.root().with(Span.wrap(remote)).makeCurrent()) {
            TraceParent parent = reader.current(null);
            assertThat(parent.sampled()).isFalse();
            assertThat(parent.traceState()).containsEntry("congo", "t61rcWkgMzE");
        }
    }

    @Test
    void noActiveSpanOrAnUnrecordedOneIsNothing() {
        assertThat(reader.current(getClass())).isNull();
        Span dropped = tracerProvider().setSampler(Sampler.alwaysOff()).build().get("app")
                .spanBuilder("x").startSpan();
        try (Scope ignored = dropped.makeCurrent()) {
            // Not sampled, but valid: Keywatch's span follows the application's decision.
            assertThat(reader.current(getClass()).sampled()).isFalse();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void aClassLoaderWithoutOpenTelemetryIsRememberedAsSuch() throws Exception {
        ClassLoader empty = new ClassLoader(null) { };
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(empty);
        try {
            // The client class comes from the same empty world: nothing to read, and no error.
            assertThat(reader.current(Object.class)).isNull();
            assertThat(reader.current(Object.class)).isNull();
        } finally {
            thread.setContextClassLoader(previous);
        }
        assertThat(errors).isEmpty();
    }
}
