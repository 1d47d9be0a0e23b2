package dev.keywatch.exporter.spans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No SDK and no connection unless the user names an endpoint or a trace exporter. */
class OtelEnvironmentTest {
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final OtelEnvironment otel = new OtelEnvironment(properties::get, environment::get);

    @Test
    void nothingConfiguredMeansNoTraceExport() {
        environment.put("OTEL_SERVICE_NAME", "checkout");
        assertThat(otel.tracesConfigured()).isFalse();
    }

    @Test
    void anEndpointOrAnExporterTurnsItOn() {
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
        assertThat(otel.tracesConfigured()).isTrue();
        environment.clear();
        properties.put("otel.exporter.otlp.traces.endpoint", "http://collector:4318/v1/traces");
        assertThat(otel.tracesConfigured()).isTrue();
        properties.clear();
        environment.put("OTEL_TRACES_EXPORTER", "otlp");
        assertThat(otel.tracesConfigured()).isTrue();
    }

    @Test
    void noneOrADisabledSdkWins() {
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
        properties.put("otel.traces.exporter", "none");
        assertThat(otel.tracesConfigured()).isFalse();
        properties.clear();
        environment.put("OTEL_SDK_DISABLED", "true");
        assertThat(otel.tracesConfigured()).isFalse();
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        environment.put("OTEL_TRACES_EXPORTER", "none");
        properties.put("otel.traces.exporter", "otlp");
        assertThat(otel.tracesConfigured()).isTrue();
    }
}
