package dev.keywatch.instrumentation.apache;

import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.TeeInputStream;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.PublicField;
import java.io.InputStream;

/**
 * HttpClient 4.3+: one {@code MainClientExec.execute} per exchange (each retry and redirect again), with
 * the route, the request after the client's interceptors, and the response whose body the application
 * has yet to read.
 */
public final class ApacheHttpClient4Capture {
    static final String CLIENT = "apache-httpclient-4";
    private static final Accessor REQUEST_LINE = Accessor.of("getRequestLine");
    private static final Accessor LINE_METHOD = Accessor.of("getMethod");
    private static final Accessor LINE_URI = Accessor.of("getUri");
    private static final Accessor STATUS_LINE = Accessor.of("getStatusLine");
    private static final Accessor STATUS_CODE = Accessor.ofInt("getStatusCode");
    private static final Accessor ALL_HEADERS = Accessor.of("getAllHeaders");
    private static final Accessor ENTITY = Accessor.of("getEntity");
    private static final Accessor CONTENT = Accessor.of("getContent");
    private static final Accessor SET_CONTENT = Accessor.of("setContent", InputStream.class);
    /** {@code HttpEntityWrapper} keeps what it wraps here and offers no getter. */
    private static final PublicField WRAPPED = PublicField.declared("wrappedEntity");
    private static final int MAX_WRAPPERS = 4;

    private final CaptureSettings settings;

    public ApacheHttpClient4Capture(CaptureSettings settings) {
        this.settings = settings;
    }

    public Object start(Object route, Object request) throws Throwable {
        PendingExchange exchange = ApacheMessages.startFor(settings, CLIENT, route, request);
        return exchange == null ? null : new Started(exchange, request);
    }

    public void end(Object token, Object response, Throwable thrown) throws Throwable {
        Started started = (Started) token;
        PendingExchange exchange = started.exchange;
        Object line = REQUEST_LINE.call(started.request);
        ApacheMessages.describe(settings, exchange, started.request, (String) LINE_METHOD.call(line),
                (String) LINE_URI.call(line));
        if (response == null) {
            exchange.failed(thrown);
            return;
        }
        int status = STATUS_CODE.callInt(STATUS_LINE.call(response));
        if (exchange.onResponse(status, ApacheMessages.keptHeaders((Object[]) ALL_HEADERS.call(response)))) {
            teeBody(exchange, ENTITY.call(response));
        }
        exchange.responseFinished();
    }

    /**
     * The body is copied where the connection put it: the innermost {@code BasicHttpEntity}'s stream is
     * swapped for a tee, so the entities the application holds stay the very same objects, and their
     * {@code getContent} and {@code writeTo} both read through the tee.
     */
    private void teeBody(PendingExchange exchange, Object entity) throws Throwable {
        Object inner = entity;
        for (int i = 0; inner != null && i < MAX_WRAPPERS; i++) {
            Object wrapped = WRAPPED.get(inner);
            if (wrapped == null) {
                break;
            }
            inner = wrapped;
        }
        if (inner == null || !SET_CONTENT.isPresentOn(inner) || !CONTENT.isPresentOn(inner)) {
            return; // no body, or an entity of another kind: classified from status and headers
        }
        InputStream content;
        try {
            content = (InputStream) CONTENT.call(inner);
        } catch (IllegalStateException noContent) {
            return;
        }
        if (content != null) {
            SET_CONTENT.call(inner, new TeeInputStream(content, exchange.startBody(), exchange));
        }
    }

    private static final class Started {
        final PendingExchange exchange;
        final Object request;

        Started(PendingExchange exchange, Object request) {
            this.exchange = exchange;
            this.request = request;
        }
    }
}
