package dev.keywatch.capture;

/**
 * Packages of the application's libraries that the agent jar also carries, relocated, for itself
 * (OpenTelemetry, and OkHttp and Okio under its OTLP exporter). The shade plugin rewrites every string constant
 * that starts with a relocated package, so names that must keep meaning the application's classes are
 * put together at run time from pieces it does not recognise.
 */
public final class ApplicationPackages {
    /** {@code okhttp3}. */
    public static final String OKHTTP3 = join("okhttp", "3");
    /** {@code okio}. */
    public static final String OKIO = join("ok", "io");
    /** {@code io.opentelemetry}. */
    public static final String OPENTELEMETRY = join("io", ".opentelemetry");

    private ApplicationPackages() {
    }

    private static String join(String head, String tail) {
        return head.concat(tail);
    }
}
