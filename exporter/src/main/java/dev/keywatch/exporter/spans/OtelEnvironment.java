package dev.keywatch.exporter.spans;

import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the OpenTelemetry settings the way the SDK does ({@code otel.x.y} system property, else
 * {@code OTEL_X_Y}), to decide one thing before the SDK is touched: whether the user configured a
 * trace exporter. Without one, Keywatch builds no SDK and opens no connection.
 */
public final class OtelEnvironment {
    private final Function<String, String> properties;
    private final Function<String, String> environment;

    OtelEnvironment(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** Whether this process's settings name a trace exporter; loads no SDK class. */
    public static boolean tracesConfiguredInProcess() {
        return ofProcess().tracesConfigured();
    }

    static OtelEnvironment ofProcess() {
        return new OtelEnvironment(System::getProperty, System::getenv);
    }

    String get(String property) {
        String v = properties.apply(property);
        if (v == null || v.trim().isEmpty()) {
            v = environment.apply(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return v == null || v.trim().isEmpty() ? null : v.trim();
    }

    /** An endpoint or a trace exporter is named, and neither the SDK nor trace export is switched off. */
    boolean tracesConfigured() {
        if ("true".equalsIgnoreCase(get("otel.sdk.disabled"))) {
            return false;
        }
        String exporter = get("otel.traces.exporter");
        if (exporter != null) {
            return !exporter.equalsIgnoreCase("none");
        }
        return get("otel.exporter.otlp.endpoint") != null || get("otel.exporter.otlp.traces.endpoint") != null;
    }
}
