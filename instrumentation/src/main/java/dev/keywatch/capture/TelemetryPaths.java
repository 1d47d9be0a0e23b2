package dev.keywatch.capture;

/**
 * The paths of OTLP exports (HTTP and gRPC). No LLM API uses them; a collector reached under a host
 * that {@code keywatch.providers} names (a gateway that also receives telemetry, a wildcard) must not
 * have the telemetry of this or any other agent counted as LLM calls.
 */
final class TelemetryPaths {
    private TelemetryPaths() {
    }

    static boolean isExport(String path) {
        if (path == null) {
            return false;
        }
        return path.endsWith("/v1/traces") || path.endsWith("/v1/metrics") || path.endsWith("/v1/logs")
                || path.startsWith("/opentelemetry.proto.collector.");
    }
}
