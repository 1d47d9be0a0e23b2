package dev.keywatch.instrumentation.apache;

import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.PublicField;

/**
 * HttpClient 5 classic and async. Classic: {@code ConnectExec.execute}, once per attempt, below the retry
 * and redirect handlers and above the connection, so a refused connection is an exchange too. Async:
 * {@code AsyncConnectExec.execute} (and {@code H2AsyncMainClientExec} for HTTP/2-only clients, which
 * have no connect step), whose callback is watched.
 */
public final class ApacheHttpClient5Capture {
    static final String CLIENT = "apache-httpclient-5";
    static final String ENTITY_TYPE = "org.apache.hc.core5.http.HttpEntity";
    static final String CALLBACK_TYPE = "org.apache.hc.client5.http.async.AsyncExecCallback";
    static final String DATA_CONSUMER_TYPE = "org.apache.hc.core5.http.nio.AsyncDataConsumer";
    /** {@code ExecChain.Scope} and {@code AsyncExecChain.Scope} expose the route as a public final field. */
    private static final PublicField SCOPE_ROUTE = PublicField.named("route");
    private static final Accessor METHOD = Accessor.of("getMethod");
    private static final Accessor PATH = Accessor.of("getPath");
    private static final Accessor CODE = Accessor.ofInt("getCode");
    private static final Accessor HEADERS = Accessor.of("getHeaders");
    private static final Accessor ENTITY = Accessor.of("getEntity");
    private static final Accessor SET_ENTITY = Accessor.withArity("setEntity", 1);

    private final CaptureSettings settings;

    public ApacheHttpClient5Capture(CaptureSettings settings) {
        this.settings = settings;
    }

    public Object start(Object request, Object scope) throws Throwable {
        Object route = SCOPE_ROUTE.get(scope);
        PendingExchange exchange = route == null ? null
                : ApacheMessages.startFor(settings, CLIENT, route, request);
        return exchange == null ? null : new Started(exchange, request);
    }

    /** Classic: the response as the connection produced it, before the protocol layer wraps its entity. */
    public void end(Object token, Object response, Throwable thrown) throws Throwable {
        Started started = (Started) token;
        PendingExchange exchange = started.exchange;
        describe(started);
        if (response == null) {
            exchange.failed(thrown);
            return;
        }
        if (onResponse(exchange, response)) {
            Object entity = ENTITY.call(response);
            EntityTee tee = entity == null ? null : new EntityTee(entity, exchange);
            Object proxy = tee == null ? null : tee.as(ENTITY_TYPE);
            if (proxy != null) {
                // Waits for the body from now on: the application may read it, close it, or leave it.
                tee.begin();
                // Every wrapper the client adds later (its entity proxy, decompression) wraps this one.
                SET_ENTITY.call(response, proxy);
            }
        }
        exchange.responseFinished();
    }

    /** Async: the callback that learns of the response, its body and the end of the exchange. */
    public Object callback(Object token, Object callback) {
        Started started = (Started) token;
        Object watched = callback == null ? null : new AsyncCallbackTee(callback, started, this).as(CALLBACK_TYPE);
        return watched == null ? callback : watched;
    }

    /** Async: {@code execute} threw before the exchange began. */
    public void asyncFailed(Object token, Throwable thrown) throws Throwable {
        Started started = (Started) token;
        describe(started);
        started.exchange.failed(thrown);
    }

    void describe(Started started) throws Throwable {
        ApacheMessages.describe(settings, started.exchange, started.request, (String) METHOD.call(started.request),
                (String) PATH.call(started.request));
    }

    /** Records status and headers; true when the error body should be copied. */
    static boolean onResponse(PendingExchange exchange, Object response) throws Throwable {
        return exchange.onResponse(CODE.callInt(response),
                ApacheMessages.keptHeaders((Object[]) HEADERS.call(response)));
    }

    CaptureSettings settings() {
        return settings;
    }

    static final class Started {
        final PendingExchange exchange;
        final Object request;

        Started(PendingExchange exchange, Object request) {
            this.exchange = exchange;
            this.request = request;
        }
    }
}
