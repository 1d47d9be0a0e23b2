package dev.keywatch.capture.trace;

/** Reads the application's active span on the thread that starts an LLM exchange. */
public interface ActiveSpanReader {
    /** For when Keywatch exports no spans: reads nothing, costs nothing. */
    ActiveSpanReader NONE = client -> null;

    /**
     * The active span's context, or null when there is none (or no OpenTelemetry at all).
     *
     * @param clientClass the instrumented client's class, whose class loader may see the application's
     *                    OpenTelemetry API when the thread's context class loader does not
     */
    TraceParent current(Class<?> clientClass);
}
