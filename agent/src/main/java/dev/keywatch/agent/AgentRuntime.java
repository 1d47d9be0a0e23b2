package dev.keywatch.agent;

import dev.keywatch.agent.catalog.ProviderCatalog;
import dev.keywatch.agent.check.EnvironmentCheck;
import dev.keywatch.agent.check.KeyFinding;
import dev.keywatch.agent.classify.Classifier;
import dev.keywatch.agent.config.KeywatchConfig;
import dev.keywatch.agent.install.Installer;
import dev.keywatch.agent.keys.KeyMemory;
import dev.keywatch.agent.pipeline.EventLog;
import dev.keywatch.agent.pipeline.Pipeline;
import dev.keywatch.bootstrap.KeywatchBridge;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.exporter.KeywatchMetrics;
import dev.keywatch.exporter.MetricsEndpoint;
import dev.keywatch.instrumentation.CaptureHooks;
import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.ClientInstrumentations;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Wires capture, classification, key memory and export. Only the transformer is installed on the
 * {@code premain} thread; the metrics registry and the endpoint start on a daemon thread (or at the
 * first LLM response, whichever comes first).
 */
final class AgentRuntime {
    private AgentRuntime() {
    }

    static void start(KeywatchConfig config, Instrumentation instrumentation) throws Exception {
        List<ClientInstrumentation> enabled = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ClientInstrumentation client : ClientInstrumentations.all()) {
            if (config.instrumentationEnabled(client.name())) {
                enabled.add(client);
                names.add(client.name());
            }
        }
        LazyMetrics metrics = new LazyMetrics(Version.get(), names);
        ErrorReporter errors = new OncePerComponentReporter(metrics);

        ProviderCatalog catalog = ProviderCatalog.create(config.providers(), Log::warn);
        Pipeline pipeline = new Pipeline(new Classifier(), new KeyMemory(config.keysMax(), config.keyAliases()),
                metrics, EventLog.open(config.log(), Log::warn));
        CredentialReducer reducer = new CredentialReducer(config.fingerprintSalt(), config.keyHints());
        CaptureSettings settings = new CaptureSettings(catalog, reducer, pipeline, errors,
                config.bodyMaxBytes(), CaptureSettings.DEFAULT_BODY_WAIT_MILLIS);
        KeywatchBridge.install(new CaptureHooks(settings));
        Installer.install(instrumentation, enabled, errors);

        Thread starter = new Thread(() -> {
            startExport(config, metrics, errors);
            if (config.startupCheck()) {
                checkEnvironment(reducer, catalog, metrics, errors);
            }
        }, "keywatch-start");
        starter.setDaemon(true);
        starter.start();
    }

    private static void startExport(KeywatchConfig config, LazyMetrics metrics, ErrorReporter errors) {
        try {
            KeywatchMetrics m = metrics.get();
            if (config.prometheusPort() > 0) {
                try {
                    MetricsEndpoint.start(m, config.prometheusHost(), config.prometheusPort());
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

        @Override
        public void report(String component, Throwable error) {
            try {
                metrics.get().agentError(component);
            } catch (Throwable ignored) {
                // counting failed; the line below still tells
            }
            if (said.add(component)) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                Log.warn("internal error in " + component + " (the application is unaffected; further errors are"
                        + " only counted in keywatch_agent_errors_total): " + error.getMessage()
                        + (cause != error ? " caused by " + cause : " " + error.getClass().getName()));
            }
        }
    }
}
