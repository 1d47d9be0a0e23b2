package dev.keywatch.capture;

import dev.keywatch.capture.trace.TraceParent;
import dev.keywatch.credential.ReducedCredential;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange with an LLM host, as every client instrumentation reports it: what the classifier
 * needs and nothing more. Credentials are already reduced; the body is a bounded copy of an error body.
 */
public final class CapturedExchange implements LateDetails.Fields {
    private final String client;
    private final String provider;
    private final String host;
    private final int port;
    // These four, and no other field, are filled in by the late details (see completed()).
    private String method;
    private String path;
    private final int status;
    private final KeptHeaders headers;
    private final String body;
    private final boolean bodyTruncated;
    private final long startEpochMillis;
    private final long durationNanos;
    private final String transportError;
    private List<ReducedCredential> credentials;
    private int retryAttempt;
    private final TraceParent traceParent;
    private LateDetails lateRequest;
    private boolean readingLateDetails;

    CapturedExchange(Builder b) {
        this.client = b.client;
        this.provider = b.provider;
        this.host = b.host;
        this.port = b.port;
        this.method = b.method;
        this.path = b.path;
        this.status = b.status;
        this.headers = KeptHeaders.of(b.headers);
        this.body = b.body;
        this.bodyTruncated = b.bodyTruncated;
        this.startEpochMillis = b.startEpochMillis;
        this.durationNanos = b.durationNanos;
        this.transportError = b.transportError;
        this.credentials = readOnly(b.credentials);
        this.retryAttempt = b.retryAttempt;
        this.traceParent = b.traceParent;
        this.lateRequest = b.lateRequest;
    }

    /**
     * This exchange with its {@link LateDetails} read, on the reporting thread before anything else looks
     * at it: read into this very object, once (a copy would double the two largest objects of a call).
     * Null for an OTLP export to a collector that shares an LLM host's name, which is not an LLM call: the
     * one place such an export is dropped, once its path is known.
     */
    public CapturedExchange completed() {
        if (lateRequest != null) {
            readLateDetails();
        }
        return TelemetryPaths.isExport(path) ? null : this;
    }

    private void readLateDetails() {
        LateDetails late = lateRequest;
        lateRequest = null; // read once, and the application's objects let go
        readingLateDetails = true;
        try {
            late.readInto(this);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("reading the details of " + client + " exchange", t);
        } finally {
            readingLateDetails = false;
        }
    }

    @Override
    public LateDetails.Fields method(String v) {
        lateField();
        method = v;
        return this;
    }

    @Override
    public LateDetails.Fields path(String v) {
        lateField();
        path = v;
        return this;
    }

    @Override
    public LateDetails.Fields credentials(List<ReducedCredential> v) {
        lateField();
        credentials = readOnly(v);
        return this;
    }

    @Override
    public LateDetails.Fields retryAttempt(int v) {
        lateField();
        retryAttempt = v;
        return this;
    }

    private static List<ReducedCredential> readOnly(List<ReducedCredential> credentials) {
        return credentials == null ? Collections.<ReducedCredential>emptyList()
                : Collections.unmodifiableList(credentials);
    }

    /** The late setters write only while {@link #completed()} reads the late details: else it is immutable. */
    private void lateField() {
        if (!readingLateDetails) {
            throw new IllegalStateException("an exchange's request details are read once, by completed()");
        }
    }

    /** The instrumentation that saw it: {@code okhttp}, {@code jdk-httpclient}, {@code httpurlconnection}, … */
    public String client() { return client; }

    /** The provider the host belongs to, as the host matcher named it. */
    public String provider() { return provider; }

    public String host() { return host; }

    public int port() { return port; }

    public String method() { return method; }

    /** The request path without the query string (which may hold {@code key=}). */
    public String path() { return path; }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() { return status; }

    /** The few response headers that matter (see {@link ResponseHeaders}), by lower-case name. */
    public Map<String, String> headers() { return Collections.unmodifiableMap(headers); }

    public String header(String lowerCaseName) { return headers.get(lowerCaseName); }

    /** A kept header by its slot ({@link ResponseHeaders#slotOf}): what the classifier asks at every response. */
    public String header(int slot) { return headers.value(slot); }

    /** True when any of the kept headers of these slots (bit n for slot n) came with the response. */
    public boolean hasAnyHeader(long slots) { return headers.anyOf(slots); }

    /** A decoded, bounded copy of an error body; null for successes and when none could be read. */
    public String body() { return body; }

    public boolean bodyTruncated() { return bodyTruncated; }

    public long startEpochMillis() { return startEpochMillis; }

    public long durationNanos() { return durationNanos; }

    /** The exception class when no response arrived (connection refused, DNS, TLS, timeout); else null. */
    public String transportError() { return transportError; }

    /** Every credential the request carried, reduced; empty when it carried none. */
    public List<ReducedCredential> credentials() { return credentials; }

    /** {@code X-Stainless-Retry-Count} of the request, or -1 when absent. */
    public int retryAttempt() { return retryAttempt; }

    /** The application's span that was active when the exchange began; null when none (or spans are off). */
    public TraceParent traceParent() { return traceParent; }

    @Override
    public String toString() {
        return "CapturedExchange{" + client + " " + method + " " + host + path + " -> " + status
                + (transportError != null ? " (" + transportError + ")" : "") + ", " + credentials + "}";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Also used by tests and the {@code doctor} command to describe an exchange they made themselves. */
    public static final class Builder {
        private String client;
        private String provider;
        private String host;
        private int port = -1;
        private String method = "GET";
        private String path = "/";
        private int status;
        private Map<String, String> headers;
        private String body;
        private boolean bodyTruncated;
        private long startEpochMillis = System.currentTimeMillis();
        private long durationNanos;
        private String transportError;
        private List<ReducedCredential> credentials;
        private int retryAttempt = -1;
        private TraceParent traceParent;
        private LateDetails lateRequest;

        Builder() {
        }

        public Builder client(String v) { client = v; return this; }
        public Builder provider(String v) { provider = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder method(String v) { method = v; return this; }
        public Builder path(String v) { path = v; return this; }
        public Builder status(int v) { status = v; return this; }
        public Builder headers(Map<String, String> v) { headers = v; return this; }
        public Builder body(String v) { body = v; return this; }
        public Builder bodyTruncated(boolean v) { bodyTruncated = v; return this; }
        public Builder startEpochMillis(long v) { startEpochMillis = v; return this; }
        public Builder durationNanos(long v) { durationNanos = v; return this; }
        public Builder transportError(String v) { transportError = v; return this; }
        public Builder credentials(List<ReducedCredential> v) { credentials = v; return this; }
        public Builder retryAttempt(int v) { retryAttempt = v; return this; }
        public Builder traceParent(TraceParent v) { traceParent = v; return this; }
        /** The request's details, to be read by {@link CapturedExchange#completed()}. */
        public Builder requestLater(LateDetails v) { lateRequest = v; return this; }

        public CapturedExchange build() {
            return new CapturedExchange(this);
        }
    }
}
