package dev.keywatch.instrumentation;

import dev.keywatch.bootstrap.BridgeHooks;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.instrumentation.apache.ApacheHttpClient4Capture;
import dev.keywatch.instrumentation.apache.ApacheHttpClient5Capture;
import dev.keywatch.instrumentation.jdkhttp.JdkHttpClientCapture;
import dev.keywatch.instrumentation.okhttp.OkHttpCapture;
import dev.keywatch.instrumentation.reactornetty.ReactorNettyCapture;
import dev.keywatch.instrumentation.urlconnection.UrlConnectionCapture;
import dev.keywatch.instrumentation.vertx.VertxCapture;

/**
 * The bridge's one implementation: routes each hook to its client's capture code. Exceptions are left
 * to the bridge, which counts them per client and keeps them from the application.
 */
public final class CaptureHooks implements BridgeHooks {
    private final CaptureSettings settings;
    private final OkHttpCapture okHttp;
    private final JdkHttpClientCapture jdkHttp;
    private final UrlConnectionCapture urlConnection;
    private final ApacheHttpClient4Capture apache4;
    private final ApacheHttpClient5Capture apache5;
    private final ReactorNettyCapture reactorNetty;
    private final VertxCapture vertx;

    public CaptureHooks(CaptureSettings settings) {
        this.settings = settings;
        this.okHttp = new OkHttpCapture(settings);
        this.jdkHttp = new JdkHttpClientCapture(settings);
        this.urlConnection = new UrlConnectionCapture(settings);
        this.apache4 = new ApacheHttpClient4Capture(settings);
        this.apache5 = new ApacheHttpClient5Capture(settings);
        this.reactorNetty = new ReactorNettyCapture(settings);
        this.vertx = new VertxCapture(settings);
    }

    @Override
    public Object okHttpStart(Object call) throws Throwable {
        return okHttp.start(call);
    }

    @Override
    public Object okHttpEnd(Object token, Object response, Throwable thrown) throws Throwable {
        return okHttp.end(token, response, thrown);
    }

    @Override
    public Object jdkHttpStart(Object request) throws Throwable {
        return jdkHttp.start(request);
    }

    @Override
    public Object jdkHttpBodyHandler(Object token, Object handler) {
        return jdkHttp.bodyHandler(token, handler);
    }

    @Override
    public void jdkHttpSent(Object token, Object future, Throwable thrown) {
        jdkHttp.sent(token, future, thrown);
    }

    @Override
    public Object urlConnectionEnter(Object connection) {
        return urlConnection.enter(connection);
    }

    @Override
    public void urlConnectionExit(Object token, Object connection, int responseCode, Object requestHeaders,
                                  Object responseHeaders, Throwable thrown, boolean readsResponse) throws Throwable {
        urlConnection.exit(token, connection, responseCode, requestHeaders, responseHeaders, thrown, readsResponse);
    }

    @Override
    public Object urlConnectionErrorStream(Object connection, Object stream) {
        return urlConnection.errorStream(connection, stream);
    }

    @Override
    public Object apache4Start(Object route, Object request) throws Throwable {
        return apache4.start(route, request);
    }

    @Override
    public void apache4End(Object token, Object response, Throwable thrown) throws Throwable {
        apache4.end(token, response, thrown);
    }

    @Override
    public Object apache5Start(Object request, Object scope) throws Throwable {
        return apache5.start(request, scope);
    }

    @Override
    public void apache5End(Object token, Object response, Throwable thrown) throws Throwable {
        apache5.end(token, response, thrown);
    }

    @Override
    public Object apache5AsyncCallback(Object token, Object callback) {
        return apache5.callback(token, callback);
    }

    @Override
    public void apache5AsyncFailed(Object token, Throwable thrown) throws Throwable {
        apache5.asyncFailed(token, thrown);
    }

    @Override
    public void reactorNettyRequest(Object handler, Object operations) throws Throwable {
        reactorNetty.request(handler, operations);
    }

    @Override
    public void reactorNettyFailed(Object handler, Throwable error) throws Throwable {
        reactorNetty.failed(handler, error);
    }

    @Override
    public void reactorNettyInbound(Object operations, Object message) throws Throwable {
        reactorNetty.inbound(operations, message);
    }

    @Override
    public void reactorNettyClosed(Object operations, Throwable error) throws Throwable {
        reactorNetty.closed(operations, error);
    }

    @Override
    public void vertxRequest(Object request) throws Throwable {
        vertx.request(request);
    }

    @Override
    public void vertxRequestFailed(Object request, Throwable error) throws Throwable {
        vertx.requestFailed(request, error);
    }

    @Override
    public void vertxResponse(Object request, Object response) throws Throwable {
        vertx.response(request, response);
    }

    @Override
    public void vertxChunk(Object response, Object buffer) throws Throwable {
        vertx.chunk(response, buffer);
    }

    @Override
    public void vertxEnded(Object response) {
        vertx.ended(response);
    }

    @Override
    public void failed(String component, Throwable error) {
        settings.errors().report(component, error);
    }
}
