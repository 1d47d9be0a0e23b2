package dev.keywatch.bootstrap;

import jdk.internal.vm.annotation.DontInline;

/**
 * Static entry points for inlined advice. Each one is a no-op until the agent installs its hooks, and
 * none lets an exception reach the instrumented method.
 *
 * <p>Every hook is {@link DontInline} (honoured for classes on the boot class path, where this one is
 * appended): the JIT compiles Keywatch's work in a unit of its own and the client's woven method as two
 * plain calls, instead of spending the client method's inlining budget on Keywatch. In the JDK client's
 * load, inlined hooks had cost its calling thread 3% more CPU than the same hooks kept out of line.
 */
public final class KeywatchBridge {
    private static volatile BridgeHooks hooks;

    private KeywatchBridge() {
    }

    public static void install(BridgeHooks installed) {
        hooks = installed;
    }

    @DontInline
    public static Object okHttpStart(Object call) {
        BridgeHooks h = hooks;
        if (h == null) return null;
        try {
            return h.okHttpStart(call);
        } catch (Throwable t) {
            fail(h, "okhttp", t);
            return null;
        }
    }

    /** The response the application gets: the same response, or one whose error body is copied as read. */
    @DontInline
    public static Object okHttpEnd(Object token, Object response, Throwable thrown) {
        BridgeHooks h = hooks;
        if (h == null || token == null) return response;
        try {
            Object handedOn = h.okHttpEnd(token, response, thrown);
            return handedOn == null ? response : handedOn;
        } catch (Throwable t) {
            fail(h, "okhttp", t);
            return response;
        }
    }

    @DontInline
    public static Object jdkHttpStart(Object request) {
        BridgeHooks h = hooks;
        if (h == null) return null;
        try {
            return h.jdkHttpStart(request);
        } catch (Throwable t) {
            fail(h, "jdk-httpclient", t);
            return null;
        }
    }

    @DontInline
    public static Object jdkHttpBodyHandler(Object token, Object handler) {
        BridgeHooks h = hooks;
        if (h == null || token == null) return handler;
        try {
            Object wrapped = h.jdkHttpBodyHandler(token, handler);
            return wrapped == null ? handler : wrapped;
        } catch (Throwable t) {
            fail(h, "jdk-httpclient", t);
            return handler;
        }
    }

    @DontInline
    public static void jdkHttpSent(Object token, Object future, Throwable thrown) {
        BridgeHooks h = hooks;
        if (h == null || token == null) return;
        try {
            h.jdkHttpSent(token, future, thrown);
        } catch (Throwable t) {
            fail(h, "jdk-httpclient", t);
        }
    }

    @DontInline
    public static Object urlConnectionEnter(Object connection) {
        BridgeHooks h = hooks;
        if (h == null) return null;
        try {
            return h.urlConnectionEnter(connection);
        } catch (Throwable t) {
            fail(h, "httpurlconnection", t);
            return null;
        }
    }

    /** {@code method} is the name of the method returning: only {@code getInputStream} reads the response. */
    @DontInline
    public static void urlConnectionExit(Object token, Object connection, int responseCode, Object requestHeaders,
                                         Object responseHeaders, Throwable thrown, String method) {
        BridgeHooks h = hooks;
        if (h == null || token == null) return;
        try {
            h.urlConnectionExit(token, connection, responseCode, requestHeaders, responseHeaders, thrown,
                    "getInputStream".equals(method));
        } catch (Throwable t) {
            fail(h, "httpurlconnection", t);
        }
    }

    @DontInline
    public static Object urlConnectionErrorStream(Object connection, Object stream) {
        BridgeHooks h = hooks;
        if (h == null || stream == null) return stream;
        try {
            Object wrapped = h.urlConnectionErrorStream(connection, stream);
            return wrapped == null ? stream : wrapped;
        } catch (Throwable t) {
            fail(h, "httpurlconnection", t);
            return stream;
        }
    }

    @DontInline
    public static Object apache4Start(Object route, Object request) {
        BridgeHooks h = hooks;
        if (h == null) return null;
        try {
            return h.apache4Start(route, request);
        } catch (Throwable t) {
            fail(h, "apache-httpclient-4", t);
            return null;
        }
    }

    @DontInline
    public static void apache4End(Object token, Object response, Throwable thrown) {
        BridgeHooks h = hooks;
        if (h == null || token == null) return;
        try {
            h.apache4End(token, response, thrown);
        } catch (Throwable t) {
            fail(h, "apache-httpclient-4", t);
        }
    }

    @DontInline
    public static Object apache5Start(Object request, Object scope) {
        BridgeHooks h = hooks;
        if (h == null) return null;
        try {
            return h.apache5Start(request, scope);
        } catch (Throwable t) {
            fail(h, "apache-httpclient-5", t);
            return null;
        }
    }

    @DontInline
    public static void apache5End(Object token, Object response, Throwable thrown) {
        BridgeHooks h = hooks;
        if (h == null || token == null) return;
        try {
            h.apache5End(token, response, thrown);
        } catch (Throwable t) {
            fail(h, "apache-httpclient-5", t);
        }
    }

    @DontInline
    public static Object apache5AsyncCallback(Object token, Object callback) {
        BridgeHooks h = hooks;
        if (h == null || token == null) return callback;
        try {
            Object wrapped = h.apache5AsyncCallback(token, callback);
            return wrapped == null ? callback : wrapped;
        } catch (Throwable t) {
            fail(h, "apache-httpclient-5", t);
            return callback;
        }
    }

    /** Called as the async execution returns: only a throw is news, the callback tells the rest. */
    @DontInline
    public static void apache5AsyncFailed(Object token, Throwable thrown) {
        BridgeHooks h = hooks;
        if (h == null || token == null || thrown == null) return;
        try {
            h.apache5AsyncFailed(token, thrown);
        } catch (Throwable t) {
            fail(h, "apache-httpclient-5", t);
        }
    }

    @DontInline
    public static void reactorNettyRequest(Object handler, Object operations) {
        BridgeHooks h = hooks;
        if (h == null || operations == null) return;
        try {
            h.reactorNettyRequest(handler, operations);
        } catch (Throwable t) {
            fail(h, "reactor-netty", t);
        }
    }

    /** The handler decided whether to retry after {@code error}: a retried request is not yet a failure. */
    @DontInline
    public static void reactorNettyFailed(Object handler, Throwable error, boolean retried) {
        BridgeHooks h = hooks;
        if (h == null || retried) return;
        try {
            h.reactorNettyFailed(handler, error);
        } catch (Throwable t) {
            fail(h, "reactor-netty", t);
        }
    }

    @DontInline
    public static void reactorNettyInbound(Object operations, Object message) {
        BridgeHooks h = hooks;
        if (h == null) return;
        try {
            h.reactorNettyInbound(operations, message);
        } catch (Throwable t) {
            fail(h, "reactor-netty", t);
        }
    }

    @DontInline
    public static void reactorNettyClosed(Object operations, Throwable error) {
        BridgeHooks h = hooks;
        if (h == null) return;
        try {
            h.reactorNettyClosed(operations, error);
        } catch (Throwable t) {
            fail(h, "reactor-netty", t);
        }
    }

    @DontInline
    public static void vertxRequest(Object request) {
        BridgeHooks h = hooks;
        if (h == null) return;
        try {
            h.vertxRequest(request);
        } catch (Throwable t) {
            fail(h, "vertx", t);
        }
    }

    @DontInline
    public static void vertxRequestFailed(Object request, Throwable error) {
        BridgeHooks h = hooks;
        if (h == null) return;
        try {
            h.vertxRequestFailed(request, error);
        } catch (Throwable t) {
            fail(h, "vertx", t);
        }
    }

    @DontInline
    public static void vertxResponse(Object request, Object response) {
        BridgeHooks h = hooks;
        if (h == null) return;
        try {
            h.vertxResponse(request, response);
        } catch (Throwable t) {
            fail(h, "vertx", t);
        }
    }

    @DontInline
    public static void vertxChunk(Object response, Object buffer) {
        BridgeHooks h = hooks;
        if (h == null) return;
        try {
            h.vertxChunk(response, buffer);
        } catch (Throwable t) {
            fail(h, "vertx", t);
        }
    }

    @DontInline
    public static void vertxEnded(Object response) {
        BridgeHooks h = hooks;
        if (h == null) return;
        try {
            h.vertxEnded(response);
        } catch (Throwable t) {
            fail(h, "vertx", t);
        }
    }

    /** Called by the handler woven around every hook's calls: what a hook threw, the method never sees. */
    @DontInline
    public static void adviceFailed(Throwable error) {
        BridgeHooks h = hooks;
        if (h != null) fail(h, "advice", error);
    }

    private static void fail(BridgeHooks h, String component, Throwable error) {
        try {
            h.failed(component, error);
        } catch (Throwable ignored) {
            // Reporting must never be the thing that breaks the application.
        }
    }
}
