package dev.keywatch.capture;

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

    public CaptureSettings(HostMatcher hosts, CredentialReducer reducer, ExchangeSink sink, ErrorReporter errors,
                           int maxBodyBytes, long bodyWaitMillis) {
        this.hosts = hosts;
        this.reducer = reducer;
        this.sink = sink;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyWaitMillis = bodyWaitMillis;
    }

    public HostMatcher hosts() { return hosts; }

    public CredentialReducer reducer() { return reducer; }

    public ExchangeSink sink() { return sink; }

    public ErrorReporter errors() { return errors; }

    public int maxBodyBytes() { return maxBodyBytes; }

    public long bodyWaitMillis() { return bodyWaitMillis; }
}
