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

    /** OkHttp: the call ends. Returns the response to hand on (null: the same one). */
    Object okHttpEnd(Object token, Object response, Throwable thrown) throws Throwable;

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

    /** Apache HttpClient 4: an exchange starts on a route. Returns a token, or null for non-LLM hosts. */
    Object apache4Start(Object route, Object request) throws Throwable;

    void apache4End(Object token, Object response, Throwable thrown) throws Throwable;

    /** Apache HttpClient 5, classic or async: an attempt reaches the connect step. Returns a token, or null. */
    Object apache5Start(Object request, Object scope) throws Throwable;

    /** Apache HttpClient 5 classic: the attempt returned or threw. */
    void apache5End(Object token, Object response, Throwable thrown) throws Throwable;

    /** Apache HttpClient 5 async: the callback the attempt will report to. */
    Object apache5AsyncCallback(Object token, Object callback) throws Throwable;

    /** Apache HttpClient 5 async: the connect step threw instead of reporting to the callback. */
    void apache5AsyncFailed(Object token, Throwable thrown) throws Throwable;

    /** Reactor Netty: a request handler prepares its request on a connection's operations. */
    void reactorNettyRequest(Object handler, Object operations) throws Throwable;

    /** Reactor Netty: a request handler lets an error through to the application instead of retrying. */
    void reactorNettyFailed(Object handler, Throwable error) throws Throwable;

    /** Reactor Netty: a response message arrives, before it is handed on. */
    void reactorNettyInbound(Object operations, Object message) throws Throwable;

    /** Reactor Netty: the operations' connection closed, was cancelled or failed (error may be null). */
    void reactorNettyClosed(Object operations, Throwable error) throws Throwable;

    /** Vert.x: a request was created on a connection. */
    void vertxRequest(Object request) throws Throwable;

    /** Vert.x: the request failed (before or after its response). */
    void vertxRequestFailed(Object request, Throwable error) throws Throwable;

    /** Vert.x: the response to a request was created from its head. */
    void vertxResponse(Object request, Object response) throws Throwable;

    /** Vert.x: a chunk of a response body, before it is handed on. */
    void vertxChunk(Object response, Object buffer) throws Throwable;

    /** Vert.x: a response body ended or failed. */
    void vertxEnded(Object response) throws Throwable;

    /** An exception escaped an advice or a hook. */
    void failed(String component, Throwable error);
}
