package dev.keywatch.bootstrap;

/**
 * What advice inlined into client classes calls. Lives on the bootstrap class path so that code in
 * every class loader and every JDK module reaches the same implementation; arguments are typed
 * {@code Object} so that this interface names no client library. Implementations may throw anything:
 * the bridge catches it, counts it against the hook's component, and the application never sees it.
 */
public interface BridgeHooks {
    /** OkHttp: a call starts. Returns a token for {@link #okHttpEnd}, or null when the host is not an LLM host. */
    Object okHttpStart(Object call) throws Throwable;

    void okHttpEnd(Object token, Object response, Throwable thrown) throws Throwable;

    /** JDK HttpClient: a request is about to be sent. Returns a token, or null for non-LLM hosts. */
    Object jdkHttpStart(Object request) throws Throwable;

    /** JDK HttpClient: the body handler the client will use for this exchange. */
    Object jdkHttpBodyHandler(Object token, Object handler) throws Throwable;

    void jdkHttpSent(Object token, Object future, Throwable thrown) throws Throwable;

    /** HttpURLConnection: a connecting or reading method is entered. Returns a token, or null. */
    Object urlConnectionEnter(Object connection) throws Throwable;

    void urlConnectionExit(Object token, Object connection, int responseCode, Object requestHeaders,
                           Object responseHeaders, Throwable thrown, boolean readsResponse) throws Throwable;

    /** HttpURLConnection: the error stream the application will read. */
    Object urlConnectionErrorStream(Object connection, Object stream) throws Throwable;

    /** An exception escaped an advice or a hook. */
    void failed(String component, Throwable error);
}
