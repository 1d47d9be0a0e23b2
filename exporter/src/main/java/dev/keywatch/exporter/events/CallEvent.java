package dev.keywatch.exporter.events;

import java.util.Collections;
import java.util.Map;

/**
 * One classified LLM call as spans and the event log show it: what happened and to which key, never
 * the key itself (only its fingerprint and hint), and the path without its query string.
 */
public final class CallEvent {
    private final long startEpochNanos;
    private final long durationNanos;
    private final String client;
    private final String provider;
    private final String host;
    private final int port;
    private final String method;
    private final String path;
    private final int status;
    private final String category;
    private final String reason;
    private final String providerCode;
    private final String requestId;
    private final String keyLabel;
    private final String fingerprint;
    private final String hint;
    private final double retryAfterSeconds;
    private final int retryAttempt;
    private final String transportError;
    private final String parentTraceId;
    private final String parentSpanId;
    private final boolean parentSampled;
    private final Map<String, String> parentTraceState;

    private CallEvent(Builder b) {
        this.startEpochNanos = b.startEpochNanos;
        this.durationNanos = b.durationNanos;
        this.client = b.client;
        this.provider = b.provider;
        this.host = b.host;
        this.port = b.port;
        this.method = b.method;
        this.path = b.path;
        this.status = b.status;
        this.category = b.category;
        this.reason = b.reason;
        this.providerCode = b.providerCode;
        this.requestId = b.requestId;
        this.keyLabel = b.keyLabel;
        this.fingerprint = b.fingerprint;
        this.hint = b.hint;
        this.retryAfterSeconds = b.retryAfterSeconds;
        this.retryAttempt = b.retryAttempt;
        this.transportError = b.transportError;
        this.parentTraceId = b.parentTraceId;
        this.parentSpanId = b.parentSpanId;
        this.parentSampled = b.parentSampled;
        this.parentTraceState = b.parentTraceState == null ? Collections.<String, String>emptyMap() : b.parentTraceState;
    }

    public long startEpochNanos() { return startEpochNanos; }

    public long durationNanos() { return durationNanos; }

    public long endEpochNanos() { return startEpochNanos + durationNanos; }

    public String client() { return client; }

    public String provider() { return provider; }

    public String host() { return host; }

    /** -1 when the URL named none. */
    public int port() { return port; }

    public String method() { return method; }

    /** The request path, without the query string (which may carry {@code key=}). */
    public String path() { return path; }

    /** 0 when no response arrived. */
    public int status() { return status; }

    public String category() { return category; }

    public String reason() { return reason; }

    public boolean failed() { return !"ok".equals(category); }

    public String providerCode() { return providerCode; }

    public String requestId() { return requestId; }

    /** The metric label: fingerprint or alias, {@code none}, or {@code other}. */
    public String keyLabel() { return keyLabel; }

    public String fingerprint() { return fingerprint; }

    /** {@code sk-proj-…Ab3d}, or null when hints are off or there is no key. */
    public String hint() { return hint; }

    /** Negative when the provider said nothing. */
    public double retryAfterSeconds() { return retryAfterSeconds; }

    /** Negative when the request carried no retry count. */
    public int retryAttempt() { return retryAttempt; }

    public String transportError() { return transportError; }

    /** The application's span active when the call began; null when there was none. */
    public String parentTraceId() { return parentTraceId; }

    public String parentSpanId() { return parentSpanId; }

    public boolean parentSampled() { return parentSampled; }

    public Map<String, String> parentTraceState() { return parentTraceState; }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private long startEpochNanos;
        private long durationNanos;
        private String client;
        private String provider;
        private String host;
        private int port = -1;
        private String method;
        private String path;
        private int status;
        private String category;
        private String reason;
        private String providerCode;
        private String requestId;
        private String keyLabel;
        private String fingerprint;
        private String hint;
        private double retryAfterSeconds = -1;
        private int retryAttempt = -1;
        private String transportError;
        private String parentTraceId;
        private String parentSpanId;
        private boolean parentSampled;
        private Map<String, String> parentTraceState;

        public Builder startEpochNanos(long v) { startEpochNanos = v; return this; }
        public Builder durationNanos(long v) { durationNanos = v; return this; }
        public Builder client(String v) { client = v; return this; }
        public Builder provider(String v) { provider = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder method(String v) { method = v; return this; }
        public Builder path(String v) { path = v; return this; }
        public Builder status(int v) { status = v; return this; }
        public Builder category(String v) { category = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder providerCode(String v) { providerCode = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder keyLabel(String v) { keyLabel = v; return this; }
        public Builder fingerprint(String v) { fingerprint = v; return this; }
        public Builder hint(String v) { hint = v; return this; }
        public Builder retryAfterSeconds(double v) { retryAfterSeconds = v; return this; }
        public Builder retryAttempt(int v) { retryAttempt = v; return this; }
        public Builder transportError(String v) { transportError = v; return this; }

        public Builder parent(String traceId, String spanId, boolean sampled, Map<String, String> traceState) {
            parentTraceId = traceId;
            parentSpanId = spanId;
            parentSampled = sampled;
            parentTraceState = traceState;
            return this;
        }

        public CallEvent build() {
            return new CallEvent(this);
        }
    }
}
