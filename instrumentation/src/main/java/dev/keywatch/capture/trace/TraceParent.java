package dev.keywatch.capture.trace;

import java.util.Collections;
import java.util.Map;

/**
 * The application's active OpenTelemetry span when an LLM exchange began, as plain values: the agent's
 * own (relocated) OpenTelemetry cannot hold the application's span objects, only recreate its context.
 */
public final class TraceParent {
    private final String traceId;
    private final String spanId;
    private final boolean sampled;
    private final Map<String, String> traceState;

    public TraceParent(String traceId, String spanId, boolean sampled, Map<String, String> traceState) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.sampled = sampled;
        this.traceState = traceState == null ? Collections.<String, String>emptyMap()
                : Collections.unmodifiableMap(traceState);
    }

    /** 32 lower-case hex digits. */
    public String traceId() { return traceId; }

    /** 16 lower-case hex digits. */
    public String spanId() { return spanId; }

    public boolean sampled() { return sampled; }

    /** W3C trace state entries, in their order. */
    public Map<String, String> traceState() { return traceState; }

    @Override
    public String toString() {
        return traceId + "/" + spanId + (sampled ? " sampled" : "");
    }
}
