package dev.keywatch.agent;

import dev.keywatch.agent.catalog.ProviderCatalog;
import dev.keywatch.agent.check.EnvironmentCheck;
import dev.keywatch.agent.check.KeyFinding;
import dev.keywatch.agent.classify.Classifier;
import dev.keywatch.agent.config.KeywatchConfig;
import dev.keywatch.agent.install.DeferredTransformer;
import dev.keywatch.agent.install.Installer;
import dev.keywatch.agent.keys.KeyMemory;
import dev.keywatch.agent.pipeline.Pipeline;
import dev.keywatch.agent.pipeline.ReportQueue;
import dev.keywatch.bootstrap.KeywatchBridge;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.capture.trace.ActiveSpanReader;
import dev.keywatch.capture.trace.OpenTelemetrySpanReader;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.exporter.KeywatchMetrics;
import dev.keywatch.exporter.MetricsEndpoint;
import dev.keywatch.exporter.events.CallEvents;
import dev.keywatch.exporter.events.EventLog;
import dev.keywatch.exporter.spans.KeywatchSpans;
import dev.keywatch.exporter.spans.OtelEnvironment;
import dev.keywatch.instrumentation.CaptureHooks;
import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.ClientInstrumentations;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Wires capture, classification, key memory and export. {@code premain} only registers a
 * {@link DeferredTransformer} and starts a daemon thread that does the rest; the exception is a JVM
 * whose HTTP client classes are already loaded (another agent loaded them), where calls cannot be made to
 * wait, so the hooks are wired and those classes woven before {@code premain} returns.
 */
final class AgentRuntime {
    /** How long a client class that loads before the hooks are ready waits for them. */
    private static final long MAX_WAIT_MILLIS = 10_000;

    private final KeywatchConfig config;
    private final Instrumentation instrumentation;
    private final List<ClientInstrumentation> enabled = new ArrayList<>();
    private final LazyMetrics metrics;
    private final ErrorReporter errors;
    private CredentialReducer reducer;
    private ProviderCatalog catalog;

    private AgentRuntime(KeywatchConfig config, Instrumentation instrumentation) {
        this.config = config;
        this.instrumentation = instrumentation;
        List<String> names = new ArrayList<>();
        for (ClientInstrumentation client : ClientInstrumentations.all()) {
            if (config.instrumentationEnabled(client.name())) {
                enabled.add(client);
                names.add(client.name());
            }
        }
        this.metrics = new LazyMetrics(Version.get(), names);
        this.errors = new OncePerComponentReporter(metrics);
    }

    static void start(KeywatchConfig config, Instrumentation instrumentation) throws Exception {
        AgentRuntime runtime = new AgentRuntime(config, instrumentation);
        List<String> targets = runtime.targetClassNames();
        List<Class<?>> loaded = runtime.loadedTargets(targets);
        if (!loaded.isEmpty()) {
            runtime.wire();
            Installer.install(instrumentation, runtime.enabled, runtime.errors, loaded);
            runtime.inBackground(runtime::startExportAndCheck);
            return;
        }
        DeferredTransformer deferred = new DeferredTransformer(targets, MAX_WAIT_MILLIS);
        instrumentation.addTransformer(deferred, true);
        runtime.inBackground(() -> {
            try {
                runtime.wire();
                deferred.activate(Installer.transformer(instrumentation, runtime.enabled, runtime.errors));
                Installer.retransform(instrumentation, runtime.loadedTargets(targets), runtime.errors);
            } catch (Throwable t) {
                deferred.abandon();
                Log.warn("failed to start, the application runs without Keywatch: " + t);
                return;
            }
            runtime.startExportAndCheck();
        });
    }

    /** Capture, classification, key memory and the bridge, which the advice calls from now on. */
    private void wire() {
        catalog = ProviderCatalog.create(config.providers(), Log::warn);
        // Spans need keywatch.spans on and a trace exporter in the OTEL_* settings; otherwise no SDK is built.
        boolean spans = !"off".equals(config.spans()) && OtelEnvironment.tracesConfiguredInProcess();
        CallEvents events = new CallEvents(
                EventLog.open(config.log(), config.logMaxBytes(), config.logBackups(), Log::warn),
                spans ? this::startSpans : null, "all".equals(config.spans()), CallEvents.CAPACITY, errors::report);
        Pipeline pipeline = new Pipeline(new Classifier(), new KeyMemory(config.keysMax(), config.keyAliases()),
                metrics, events);
        ReportQueue reports = ReportQueue.start(pipeline, errors);
        // One hook, in this order: the exchanges still queued are counted and logged before the log closes.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reports.close();
            events.close();
        }, "keywatch-exit"));
        reducer = new CredentialReducer(config.fingerprintSalt(), config.keyHints());
        CaptureSettings settings = new CaptureSettings(catalog, reducer, reports, errors,
                config.bodyMaxBytes(), CaptureSettings.DEFAULT_BODY_WAIT_MILLIS,
                spans ? new OpenTelemetrySpanReader(errors) : ActiveSpanReader.NONE);
        KeywatchBridge.install(new CaptureHooks(settings));
    }

    /** On the event thread, at the first call that needs a span. */
    private CallEvents.SpanSink startSpans() {
        try {
            return KeywatchSpans.startIfConfigured(Version.get(), errors::report);
        } catch (RuntimeException e) {
            Log.warn("the OpenTelemetry settings were rejected (" + e.getMessage() + "); Keywatch exports no spans");
            return null;
        }
    }

    private void startExportAndCheck() {
        startExport(config, metrics, errors);
        if (config.startupCheck()) {
            checkEnvironment(reducer, catalog, metrics, errors);
        }
    }

    private List<String> targetClassNames() {
        List<String> names = new ArrayList<>();
        for (ClientInstrumentation client : enabled) {
            names.addAll(client.classNames());
        }
        return names;
    }

    private List<Class<?>> loadedTargets(List<String> names) {
        Set<String> wanted = new HashSet<>(names);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (wanted.contains(c.getName()) && instrumentation.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        return loaded;
    }

    private void inBackground(Runnable task) {
        Thread starter = new Thread(task, "keywatch-start");
        starter.setDaemon(true);
        starter.start();
    }

    private static void startExport(KeywatchConfig config, LazyMetrics metrics, ErrorReporter errors) {
        try {
            KeywatchMetrics m = metrics.get();
            if (config.prometheusPort() > 0) {
                try {
                    MetricsEndpoint endpoint = MetricsEndpoint.start(m, config.prometheusHost(), config.prometheusPort());
                    // Its thread waits for scrapes inside a native accept, and the JVM, exiting, waits up to
                    // 300 ms for threads in native code to leave it: closing the socket first spares every
                    // short-lived program that wait.
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            endpoint.close();
                        } catch (java.io.IOException ignored) {
                            // exiting anyway
                        }
                    }, "keywatch-metrics-exit"));
                } catch (Exception e) {
                    Log.warn("cannot serve /metrics on " + config.prometheusHost() + ":" + config.prometheusPort()
                            + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); metrics are still counted but not served");
                    m.agentError("exporter");
                }
            }
        } catch (Throwable t) {
            errors.report("exporter", t);
        }
    }

    /** The offline hygiene check of the keys in this process's environment: a line and a gauge per finding. */
    private static void checkEnvironment(CredentialReducer reducer, ProviderCatalog catalog, LazyMetrics metrics,
                                         ErrorReporter errors) {
        try {
            for (KeyFinding f : new EnvironmentCheck(reducer, catalog).check(System.getenv())) {
                Log.warn("startup check: " + f.describe());
                metrics.get().hygieneFinding(f.provider(), f.variable(), f.finding());
            }
        } catch (Throwable t) {
            errors.report("startup", t);
        }
    }

    /** The registry, built once by whoever needs it first. */
    static final class LazyMetrics implements Supplier<KeywatchMetrics> {
        private final String version;
        private final List<String> instrumentations;
        private volatile KeywatchMetrics metrics;

        LazyMetrics(String version, List<String> instrumentations) {
            this.version = version;
            this.instrumentations = instrumentations;
        }

        @Override
        public KeywatchMetrics get() {
            KeywatchMetrics m = metrics;
            if (m == null) {
                synchronized (this) {
                    m = metrics;
                    if (m == null) {
                        m = new KeywatchMetrics(version, instrumentations);
                        metrics = m;
                    }
                }
            }
            return m;
        }
    }

    /** Counts every swallowed exception; says the first of each component once on stderr. */
    static final class OncePerComponentReporter implements ErrorReporter {
        private final Supplier<KeywatchMetrics> metrics;
        private final Set<String> said = ConcurrentHashMap.newKeySet();

        OncePerComponentReporter(Supplier<KeywatchMetrics> metrics) {
            this.metrics = metrics;
        }

        /** What went wrong, in the words of the component's user: most are internal errors, some are not. */
        private static String what(String component) {
            switch (component) {
                case "otlp": return "a span export to the OpenTelemetry collector failed";
                case "spans": return "a span was dropped";
                case "events": return "a failed call's log line and span were dropped";
                default: return "internal error in " + component;
            }
        }

        @Override
        public void report(String component, Throwable error) {
            try {
                metrics.get().agentError(component);
            } catch (Throwable ignored) {
                // counting failed; the line below still tells
            }
            if (said.add(component)) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                Log.warn(what(component) + " (the application is unaffected; further ones are only counted in"
                        + " keywatch_agent_errors_total{component=\"" + component + "\"}): " + error.getMessage()
                        + (cause != error ? " caused by " + cause : " " + error.getClass().getName()));
            }
        }
    }
}
