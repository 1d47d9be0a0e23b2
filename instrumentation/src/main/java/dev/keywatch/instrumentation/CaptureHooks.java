package dev.keywatch.instrumentation;

import dev.keywatch.bootstrap.BridgeHooks;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.instrumentation.jdkhttp.JdkHttpClientCapture;
import dev.keywatch.instrumentation.okhttp.OkHttpCapture;
import dev.keywatch.instrumentation.urlconnection.UrlConnectionCapture;

/**
 * The bridge's one implementation: routes each hook to its client's capture code. Exceptions are left
 * to the bridge, which counts them per client and keeps them from the application.
 */
public final class CaptureHooks implements BridgeHooks {
    private final CaptureSettings settings;
    private final OkHttpCapture okHttp;
    private final JdkHttpClientCapture jdkHttp;
    private final UrlConnectionCapture urlConnection;

    public CaptureHooks(CaptureSettings settings) {
        this.settings = settings;
        this.okHttp = new OkHttpCapture(settings);
        this.jdkHttp = new JdkHttpClientCapture(settings);
        this.urlConnection = new UrlConnectionCapture(settings);
    }

    @Override
    public Object okHttpStart(Object call) throws Throwable {
        return okHttp.start(call);
    }

    @Override
    public void okHttpEnd(Object token, Object response, Throwable thrown) throws Throwable {
        okHttp.end(token, response, thrown);
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
    public void failed(String component, Throwable error) {
        settings.errors().report(component, error);
    }
}
