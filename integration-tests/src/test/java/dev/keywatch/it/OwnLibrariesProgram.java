package dev.keywatch.it;

import static net.bytebuddy.matcher.ElementMatchers.named;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;

/**
 * An application with its own copies of the libraries the agent bundles, in versions of its own: it
 * generates a class and instruments OkHttp with its own Byte Buddy (retransforming the class the agent
 * has already woven), counts its calls in its own Micrometer global registry, traces each call with its
 * own OpenTelemetry SDK, and calls through its own OkHttp. It prints what each library did; the ids of
 * its spans go to a file of their own, since they differ from run to run.
 *
 * <p>Arguments: {@code <script> <span ids file>}.
 */
public final class OwnLibrariesProgram {
    /** Counted by the application's own advice in OkHttp; read by the advice, so public. */
    public static final AtomicInteger OWN_ADVICE_CALLS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8);

        Object generated = new ByteBuddy().subclass(Object.class).name("app.Generated")
                .method(named("toString")).intercept(FixedValue.value("made by the application's Byte Buddy"))
                .make().load(OwnLibrariesProgram.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                .getLoaded().getDeclaredConstructor().newInstance();
        System.out.println("own-byte-buddy " + generated + " from "
                + Paths.get(ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName());
        // Loaded first, so the application's agent retransforms a class the Keywatch agent has already woven.
        Class.forName("okhttp3.RealCall");
        Instrumentation instrumentation = ByteBuddyAgent.install();
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .type(named("okhttp3.RealCall"))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(OwnLibrariesProgram.class.getClassLoader())
                        .advice(named("execute"), CountingAdvice.class.getName()))
                .installOn(instrumentation);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.addRegistry(meters);

        List<String> exported = new ArrayList<>();
        OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter(exported))).build())
                .buildAndRegisterGlobal();
        Tracer tracer = GlobalOpenTelemetry.getTracer("app");

        List<String> spanIds = new ArrayList<>();
        for (String line : lines) {
            if (line.trim().isEmpty()) continue;
            ScriptedCall call = ScriptedCall.parse(line);
            Span span = tracer.spanBuilder("handle " + call.name).startSpan();
            String outcome;
            try (Scope ignored = span.makeCurrent()) {
                outcome = ClientProgram.outcome("okhttp", call, null);
            } finally {
                span.end();
            }
            Metrics.counter("app.llm.calls", "outcome", outcome.split(" ")[0]).increment();
            System.out.println(call.name + " " + outcome);
            spanIds.add(call.name + " " + span.getSpanContext().getTraceId() + " " + span.getSpanContext().getSpanId());
        }
        Files.write(Paths.get(args[1]), spanIds, StandardCharsets.UTF_8);

        System.out.println("own-advice-saw " + OWN_ADVICE_CALLS.get() + " calls");
        TreeSet<String> own = new TreeSet<>();
        for (Meter meter : Metrics.globalRegistry.getMeters()) {
            own.add(meter.getId().getName() + meter.getId().getTags() + "=" + meter.measure().iterator().next().getValue());
        }
        System.out.println("own-meters " + own);
        System.out.println("own-spans " + exported);
        System.out.println(ForkedJvm.READY);
        System.out.flush();
        System.in.read();
        OkHttpClients.shutdown();
    }

    /** The application's own advice, woven by its own Byte Buddy. */
    public static final class CountingAdvice {
        private CountingAdvice() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            OWN_ADVICE_CALLS.incrementAndGet();
        }
    }

    private static final class CollectingExporter implements SpanExporter {
        private final List<String> names;

        CollectingExporter(List<String> names) {
            this.names = names;
        }

        @Override
        public synchronized CompletableResultCode export(Collection<SpanData> spans) {
            spans.forEach(s -> names.add(s.getName()));
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
    }
}
