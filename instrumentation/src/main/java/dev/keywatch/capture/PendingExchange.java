package dev.keywatch.capture;

import dev.keywatch.capture.trace.TraceParent;
import dev.keywatch.credential.ReducedCredential;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * An exchange between request and report. Clients learn the response and the error body in either
 * order (the JDK client's {@code ofString} reads the body first; {@code ofInputStream} and
 * {@code HttpURLConnection} only as the application reads it), so this waits for both, or for the
 * body wait to run out when the application never reads the body. It reports exactly once.
 */
public final class PendingExchange {
    private final CaptureSettings settings;
    private final CapturedExchange.Builder builder;
    private final long startNanos;

    private boolean statusKnown;
    private boolean responseDone;
    private boolean expectingBody;
    private boolean bodyDone;
    // Written under the lock, read without it: a late observer (the JDK client's future) asks it first.
    private volatile boolean reported;
    private BodySnippet snippet;
    private String contentEncoding;
    private ScheduledFuture<?> bodyWait;

    /**
     * Called on the thread that starts the exchange, where the application's active span (if any) is
     * current.
     *
     * @param clientClass the instrumented object's class, whose loader may see the application's tracing API
     */
    public PendingExchange(CaptureSettings settings, String client, Class<?> clientClass, String provider, String host,
                           int port) {
        this(settings, client, provider, host, port, System.nanoTime(), System.currentTimeMillis(),
                settings.activeSpan().current(clientClass));
    }

    /**
     * An exchange that began earlier, before its host was known (Vert.x 4.5 sets a request's target after
     * creating it): its start as recorded then, and no parent span.
     */
    public static PendingExchange startedAt(CaptureSettings settings, String client, String provider, String host,
                                            int port, long startNanos, long startEpochMillis) {
        return new PendingExchange(settings, client, provider, host, port, startNanos, startEpochMillis, null);
    }

    private PendingExchange(CaptureSettings settings, String client, String provider, String host, int port,
                            long startNanos, long startEpochMillis, TraceParent parent) {
        this.settings = settings;
        this.startNanos = startNanos;
        this.builder = CapturedExchange.builder()
                .client(client).provider(provider).host(host).port(port)
                .startEpochMillis(startEpochMillis)
                .traceParent(parent);
    }

    /** What was sent; may be called at the start or, when interceptors may still change it, at the end. */
    public synchronized PendingExchange describeRequest(String method, String path, List<ReducedCredential> credentials,
                                                        int retryAttempt) {
        builder.method(method).path(path).credentials(credentials).retryAttempt(retryAttempt);
        return this;
    }

    /** What was sent, to be read on the reporting thread (see {@link LateDetails}); call at most once. */
    public synchronized PendingExchange describeLater(LateDetails request) {
        builder.requestLater(request);
        return this;
    }

    /**
     * Status and the kept response headers have arrived; the duration ends here. Returns true when the
     * error body should be copied: an error status, not an event stream. Only the first call counts.
     */
    public synchronized boolean onResponse(int status, Map<String, String> headers) {
        if (statusKnown) {
            return false;
        }
        statusKnown = true;
        builder.status(status).headers(headers).durationNanos(System.nanoTime() - startNanos);
        contentEncoding = headers.get("content-encoding");
        return status >= 400 && settings.maxBodyBytes() > 0
                && !ResponseHeaders.isEventStream(headers.get("content-type"));
    }

    /**
     * True once the exchange has been reported: nothing that arrives later changes it, so an observer that
     * comes after the client's own (the JDK client's completed future) need not take the lock at all.
     */
    public boolean isReported() {
        return reported;
    }

    /** True once a response has been seen: a second caller need not gather the headers again. */
    public synchronized boolean hasResponse() {
        return statusKnown;
    }

    /** Starts copying the error body as the application reads it; waits for {@link #bodyFinished()}. */
    public BodySnippet startBody() {
        BodySnippet s;
        synchronized (this) {
            if (snippet != null) {
                return snippet;
            }
            s = new BodySnippet(settings.maxBodyBytes());
            snippet = s;
            expectingBody = true;
        }
        ScheduledFuture<?> wait = BodyWaits.schedule(this::finishNow, settings.bodyWaitMillis());
        synchronized (this) {
            if (reported) {
                wait.cancel(false);
            } else {
                bodyWait = wait;
            }
        }
        return s;
    }

    /** The copy is complete: end of body, snippet full, body closed, cancelled or failed. */
    public void bodyFinished() {
        CapturedExchange complete;
        synchronized (this) {
            bodyDone = true;
            complete = completeOnce();
        }
        report(complete);
    }

    /** The response (with or without a body) has been handed to the application. */
    public void responseFinished() {
        CapturedExchange complete;
        synchronized (this) {
            responseDone = true;
            complete = completeOnce();
        }
        report(complete);
    }

    /** No response (connection refused, DNS, TLS, timeout), or the body failed: reports at once. */
    public void failed(Throwable error) {
        CapturedExchange complete;
        synchronized (this) {
            if (!statusKnown) {
                builder.transportError(error == null ? "unknown" : error.getClass().getName())
                        .durationNanos(System.nanoTime() - startNanos);
            }
            responseDone = true;
            bodyDone = true;
            complete = completeOnce();
        }
        report(complete);
    }

    /** Reports with whatever has arrived: the body wait ran out. */
    void finishNow() {
        CapturedExchange complete;
        synchronized (this) {
            responseDone = true;
            bodyDone = true;
            complete = completeOnce();
        }
        report(complete);
    }

    /**
     * The exchange, the first time all it waits for has arrived; null before, and ever after. Called holding
     * this exchange's lock, in the same block that recorded what arrived, so a call pays one lock, not two.
     */
    private CapturedExchange completeOnce() {
        if (reported || !responseDone || (expectingBody && !bodyDone)) {
            return null;
        }
        reported = true;
        if (bodyWait != null) {
            bodyWait.cancel(false);
        }
        if (snippet != null) {
            builder.body(snippet.text(contentEncoding)).bodyTruncated(snippet.truncated());
        }
        return builder.build();
    }

    /** Hands a complete exchange on, outside the lock: the sink may run the whole pipeline on this thread. */
    private void report(CapturedExchange complete) {
        if (complete == null) {
            return;
        }
        try {
            settings.sink().accept(complete);
        } catch (Throwable t) {
            settings.errors().report("capture", t);
        }
    }
}
