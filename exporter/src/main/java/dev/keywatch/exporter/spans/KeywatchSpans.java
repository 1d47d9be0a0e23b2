package dev.keywatch.exporter.spans;

import dev.keywatch.exporter.events.CallEvent;
import dev.keywatch.exporter.events.CallEvents;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One CLIENT span per classified call, through an OpenTelemetry SDK of Keywatch's own (relocated in
 * the agent jar, so it never meets the application's or the OpenTelemetry agent's), configured by the
 * standard {@code OTEL_*} / {@code otel.*} settings. The span is made after the fact, with the call's
 * own start and end times, as a child of the application's span that was active when the call began.
 */
public final class KeywatchSpans implements CallEvents.SpanSink {
    static final String SCOPE = "dev.keywatch";

    /**
     * The SDK's own loggers (relocated with it): silenced, because a dead collector must cost the
     * application no log lines; failed exports are counted and said once by Keywatch instead.
     */
    private static final Logger SDK_LOGGER = Logger.getLogger("io.opentelemetry");

    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> CATEGORY = AttributeKey.stringKey("keywatch.category");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("keywatch.reason");
    static final AttributeKey<String> PROVIDER_CODE = AttributeKey.stringKey("keywatch.provider_code");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("keywatch.request_id");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("keywatch.key");
    static final AttributeKey<String> FINGERPRINT = AttributeKey.stringKey("keywatch.key.fingerprint");
    static final AttributeKey<String> HINT = AttributeKey.stringKey("keywatch.key.hint");
    static final AttributeKey<Double> RETRY_AFTER = AttributeKey.doubleKey("keywatch.retry_after_seconds");
    static final AttributeKey<Long> RETRY_ATTEMPT = AttributeKey.longKey("keywatch.retry_attempt");
    static final AttributeKey<String> CLIENT = AttributeKey.stringKey("keywatch.client");
    static final AttributeKey<String> TRANSPORT_ERROR = AttributeKey.stringKey("keywatch.transport_error");

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;
    private final SpanBudget budget;
    private final BiConsumer<String, Throwable> errors;

    KeywatchSpans(OpenTelemetrySdk sdk, String version, SpanBudget budget, BiConsumer<String, Throwable> errors) {
        this.sdk = sdk;
        this.tracer = sdk.getTracerProvider().tracerBuilder(SCOPE).setInstrumentationVersion(version).build();
        this.budget = budget;
        this.errors = errors;
    }

    /**
     * The SDK as the {@code OTEL_*} settings describe it, or null when no trace exporter is configured
     * (then nothing is built and no connection is ever attempted).
     *
     * @throws RuntimeException when the settings are wrong; the caller says so in one line
     */
    public static KeywatchSpans startIfConfigured(String version, BiConsumer<String, Throwable> errors) {
        return start(OtelEnvironment.ofProcess(), version, errors);
    }

    static KeywatchSpans start(OtelEnvironment environment, String version, BiConsumer<String, Throwable> errors) {
        if (!environment.tracesConfigured()) {
            return null;
        }
        SDK_LOGGER.setLevel(Level.OFF);
        SpanBudget budget = new SpanBudget(2048);
        AtomicBoolean releaser = new AtomicBoolean();
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesCustomizer(KeywatchSpans::keywatchDefaults)
                .addSpanExporterCustomizer((exporter, config) -> {
                    budget.capacity(config.getInt("otel.bsp.max.queue.size", 2048));
                    // With several exporters (otel.traces.exporter=otlp,console) each sees every span:
                    // only the first gives places back.
                    return new BudgetedSpanExporter(exporter, releaser.compareAndSet(false, true) ? budget : null,
                            errors);
                })
                .setServiceClassLoader(KeywatchSpans.class.getClassLoader())
                .disableShutdownHook() // Keywatch's own hook flushes with a bound
                .build()
                .getOpenTelemetrySdk();
        return new KeywatchSpans(sdk, version, budget, errors);
    }

    /**
     * Keywatch's metrics go through Prometheus, so this SDK only ever exports spans. Unless told
     * otherwise it speaks http/protobuf, as the OpenTelemetry specification and Java agent default to
     * (the SDK's autoconfiguration alone would pick grpc), so one collector endpoint serves both agents.
     */
    static Map<String, String> keywatchDefaults(ConfigProperties config) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("otel.metrics.exporter", "none");
        overrides.put("otel.logs.exporter", "none");
        if (config.getString("otel.exporter.otlp.traces.protocol") == null
                && config.getString("otel.exporter.otlp.protocol") == null) {
            overrides.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
        }
        return overrides;
    }

    @Override
    public String[] export(CallEvent e) {
        if (!budget.tryAcquire()) {
            errors.accept("spans", new IllegalStateException("span queue full (the collector is slow or down); "
                    + "a span was dropped"));
            return null;
        }
        GenAiRequest request = GenAiRequest.of(e.path());
        SpanBuilder b = tracer.spanBuilder(request.spanName(e.method()))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent(e))
                .setStartTimestamp(e.startEpochNanos(), TimeUnit.NANOSECONDS)
                .setAttribute(PROVIDER, e.provider())
                .setAttribute(SERVER_ADDRESS, e.host())
                .setAttribute(CATEGORY, e.category())
                .setAttribute(REASON, e.reason())
                .setAttribute(KEY, e.keyLabel())
                .setAttribute(CLIENT, e.client());
        set(b, OPERATION, request.operation);
        set(b, MODEL, request.model);
        set(b, METHOD, e.method());
        set(b, URL_PATH, e.path());
        set(b, PROVIDER_CODE, e.providerCode());
        set(b, REQUEST_ID, e.requestId());
        set(b, FINGERPRINT, e.fingerprint());
        set(b, HINT, e.hint());
        set(b, TRANSPORT_ERROR, e.transportError());
        if (e.port() > 0) b.setAttribute(SERVER_PORT, (long) e.port());
        if (e.status() > 0) b.setAttribute(STATUS, (long) e.status());
        if (e.retryAfterSeconds() >= 0) b.setAttribute(RETRY_AFTER, e.retryAfterSeconds());
        if (e.retryAttempt() >= 0) b.setAttribute(RETRY_ATTEMPT, (long) e.retryAttempt());
        if (e.failed()) b.setAttribute(ERROR_TYPE, e.reason());

        Span span = b.startSpan();
        SpanContext made = span.getSpanContext();
        if (!made.isSampled()) {
            budget.release(1); // the sampler said no: the processor will not queue it
        }
        if (e.failed()) {
            span.setStatus(StatusCode.ERROR, e.reason());
        }
        span.end(e.endEpochNanos(), TimeUnit.NANOSECONDS);
        return made.isSampled() ? new String[] {made.getTraceId(), made.getSpanId()} : null;
    }

    private static Context parent(CallEvent e) {
        if (e.parentTraceId() == null) {
            return Context.root();
        }
        TraceStateBuilder state = TraceState.builder();
        e.parentTraceState().forEach(state::put);
        SpanContext parent = SpanContext.createFromRemoteParent(e.parentTraceId(), e.parentSpanId(),
                e.parentSampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), state.build());
        return Context.root().with(Span.wrap(parent));
    }

    private static void set(SpanBuilder b, AttributeKey<String> key, String value) {
        if (value != null) {
            b.setAttribute(key, value);
        }
    }

    @Override
    public void flush(long millis) {
        sdk.getSdkTracerProvider().shutdown().join(millis, TimeUnit.MILLISECONDS);
    }
}
