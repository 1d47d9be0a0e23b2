package dev.keywatch.capture;

import dev.keywatch.capture.trace.ActiveSpanReader;
import dev.keywatch.credential.CredentialReducer;

/** What every client instrumentation needs from the agent, handed over once at start. */
public final class CaptureSettings {
    /** How long a captured error response may wait for the application to read its body. */
    public static final long DEFAULT_BODY_WAIT_MILLIS = 5_000;

    private final HostMatcher hosts;
    private final CredentialReducer reducer;
    private final ExchangeSink sink;
    private final ErrorReporter errors;
    private final int maxBodyBytes;
    private final long bodyWaitMillis;
    private final ActiveSpanReader activeSpan;

    public CaptureSettings(HostMatcher hosts, CredentialReducer reducer, ExchangeSink sink, ErrorReporter errors,
                           int maxBodyBytes, long bodyWaitMillis, ActiveSpanReader activeSpan) {
        this.hosts = hosts;
        this.reducer = reducer;
        this.sink = sink;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyWaitMillis = bodyWaitMillis;
        this.activeSpan = activeSpan;
    }

    public HostMatcher hosts() { return hosts; }

    public CredentialReducer reducer() { return reducer; }

    public ExchangeSink sink() { return sink; }

    public ErrorReporter errors() { return errors; }

    public int maxBodyBytes() { return maxBodyBytes; }

    public long bodyWaitMillis() { return bodyWaitMillis; }

    /** {@link ActiveSpanReader#NONE} unless Keywatch exports spans. */
    public ActiveSpanReader activeSpan() { return activeSpan; }
}
