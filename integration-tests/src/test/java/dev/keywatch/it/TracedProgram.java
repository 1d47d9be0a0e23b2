package dev.keywatch.it;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An application that traces: each scripted call runs inside a span of its own, made by the
 * application's own OpenTelemetry SDK ({@code own-sdk}) or by the OpenTelemetry Java agent around
 * {@link #handle} ({@code none} here, and {@code otel.instrumentation.methods.include} on the agent).
 * Prints what each call saw, and, on lines of their own, the ids of the span it ran in.
 */
public final class TracedProgram {
    static final String SPAN_LINE = "app-span ";

    public static void main(String[] args) throws Exception {
        String tracing = args[0];
        String[] clients = args[1].split(",");
        List<String> lines = Files.readAllLines(Paths.get(args[2]), StandardCharsets.UTF_8);
        HttpClient jdk = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        Tracer tracer = tracing.equals("own-sdk") ? ownSdk().get("app") : null;
        for (String client : clients) {
            for (String line : lines) {
                if (line.trim().isEmpty()) continue;
                ScriptedCall call = ScriptedCall.parse(line);
                String name = call.name + "@" + client;
                if (tracer == null) {
                    System.out.println(name + " " + handle(client, call, jdk));
                    continue;
                }
                Span span = tracer.spanBuilder("handle " + name).startSpan();
                try (Scope ignored = span.makeCurrent()) {
                    System.out.println(name + " " + handle(client, call, jdk));
                } finally {
                    span.end();
                }
                System.out.println(SPAN_LINE + name + " " + span.getSpanContext().getTraceId() + " "
                        + span.getSpanContext().getSpanId());
            }
        }
        System.out.println(ForkedJvm.READY);
        System.out.flush();
        System.in.read();
        OkHttpClients.shutdown();
    }

    /** One call, as a request handler of the application would make it. */
    public static String handle(String client, ScriptedCall call, HttpClient jdk) {
        return ClientProgram.outcome(client, call, jdk);
    }

    /** The application's own SDK; its spans go nowhere, only their ids are printed. */
    private static SdkTracerProvider ownSdk() {
        return SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        })).build();
    }
}
