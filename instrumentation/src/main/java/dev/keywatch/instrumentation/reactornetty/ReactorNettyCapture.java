package dev.keywatch.instrumentation.reactornetty;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.LibraryHeaders;
import dev.keywatch.instrumentation.support.PublicField;
import dev.keywatch.instrumentation.support.RequestCredentials;
import dev.keywatch.instrumentation.support.RequestTargets;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reactor Netty 1.x: one {@code HttpClientOperations} per exchange (each redirect and retry gets its
 * own). The exchange starts when the client prepares the request on it and is read from the inbound
 * messages as the connection delivers them, before anyone downstream consumes or releases them. A
 * request that fails before any response (no connection, TLS, a connection closed early) is reported
 * when the request's handler decides not to retry it, which is when the application gets the error.
 * Spring WebClient's default connector, and everything else on Reactor Netty, goes through here.
 */
public final class ReactorNettyCapture {
    static final String CLIENT = "reactor-netty";
    private static final Accessor RESOURCE_URL = Accessor.of("resourceUrl");
    private static final Accessor METHOD = Accessor.of("method");
    private static final Accessor METHOD_NAME = Accessor.of("name");
    private static final Accessor REQUEST_HEADERS = Accessor.of("requestHeaders");
    private static final Accessor HEADERS_GET = Accessor.of("get", String.class);
    private static final Accessor HEADERS_ENTRIES = Accessor.of("entries");
    private static final Accessor RESPONSE_STATUS = Accessor.of("status");
    private static final Accessor STATUS_CODE = Accessor.ofInt("code");
    private static final Accessor RESPONSE_HEADERS = Accessor.of("headers");
    private static final Accessor CONTENT = Accessor.of("content");
    private static final Accessor READER_INDEX = Accessor.ofInt("readerIndex");
    private static final Accessor READABLE_BYTES = Accessor.ofInt("readableBytes");
    private static final Accessor NIO_BUFFER = Accessor.of("nioBuffer", int.class, int.class);
    /** The handler's target and method, for a request that never got a connection. */
    private static final PublicField HANDLER_URI = PublicField.declared("toURI");
    private static final PublicField HANDLER_METHOD = PublicField.declared("method");

    private final CaptureSettings settings;
    // HttpClientOperations keeps Object's identity equality, so a WeakHashMap is an identity map here.
    private final Map<Object, Exchange> exchanges = Collections.synchronizedMap(new WeakHashMap<>());
    /** The latest exchange of each request handler (a request and its retries and redirects share one). */
    private final Map<Object, Exchange> byHandler = Collections.synchronizedMap(new WeakHashMap<>());
    /** LLM exchanges not yet concluded: while there are none, inbound messages cost one read of this. */
    private final AtomicInteger open = new AtomicInteger();

    public ReactorNettyCapture(CaptureSettings settings) {
        this.settings = settings;
    }

    /** The request is prepared on its connection by its handler; nothing is sent yet. */
    public void request(Object handler, Object operations) throws Throwable {
        Exchange created = exchangeFor((String) RESOURCE_URL.call(operations), operations.getClass(), operations);
        if (created == null) {
            return;
        }
        byHandler.put(handler, created);
        if (exchanges.put(operations, created) == null) {
            open.incrementAndGet();
        }
    }

    /**
     * The handler let an error through to the application (it retries or redirects otherwise). Unless the
     * exchange had its response, the error is its end: no connection, or a connection lost before the
     * response.
     */
    public void failed(Object handler, Throwable error) throws Throwable {
        Exchange exchange = byHandler.remove(handler);
        if (exchange == null) {
            Object uri = HANDLER_URI.get(handler);
            exchange = uri == null ? null : exchangeFor(uri.toString(), handler.getClass(), null);
            if (exchange == null) {
                return;
            }
            Object method = HANDLER_METHOD.get(handler);
            exchange.pending.describeRequest(method == null ? null : (String) METHOD_NAME.call(method),
                    exchange.uri.getRawPath(), Collections.emptyList(), -1);
        } else if (exchange.responded) {
            return;
        } else {
            Object operations = exchange.operations == null ? null : exchange.operations.get();
            if (operations != null) {
                conclude(operations);
                describe(exchange, operations);
            }
        }
        exchange.pending.failed(error);
    }

    /** A new exchange when the URL's host is an LLM host; {@code operations} is null before a connection. */
    private Exchange exchangeFor(String url, Class<?> clientClass, Object operations) {
        URI uri = RequestTargets.uri(url);
        if (uri == null) {
            return null;
        }
        String host = uri.getHost();
        int port = RequestTargets.effectivePort(uri);
        String provider = settings.hosts().providerFor(host, port);
        if (provider == null) {
            return null;
        }
        return new Exchange(new PendingExchange(settings, CLIENT, clientClass, provider, host, port), uri,
                operations);
    }

    /** A message of the response: its head, a piece of its body, or its end. */
    public void inbound(Object operations, Object message) throws Throwable {
        if (open.get() == 0 || message == null) {
            return;
        }
        int kind = MessageKind.of(message);
        if (kind == 0) {
            return;
        }
        Exchange exchange = exchanges.get(operations);
        if (exchange == null) {
            return;
        }
        if ((kind & MessageKind.RESPONSE) != 0 && !exchange.responded) {
            int status = STATUS_CODE.callInt(RESPONSE_STATUS.call(message));
            if (status < 200) {
                return; // 100 Continue and the like: the real response is still to come
            }
            exchange.responded = true;
            describe(exchange, operations);
            if (exchange.pending.onResponse(status, keptHeaders(RESPONSE_HEADERS.call(message)))) {
                exchange.snippet = exchange.pending.startBody();
            }
            exchange.pending.responseFinished();
            if (exchange.snippet == null) {
                conclude(operations);
                return;
            }
        }
        if (exchange.snippet == null || !exchange.responded) {
            return;
        }
        if ((kind & MessageKind.CONTENT) != 0 && copy(exchange.snippet, CONTENT.call(message))) {
            kind |= MessageKind.LAST;
        }
        if ((kind & MessageKind.LAST) != 0) {
            conclude(operations);
            exchange.pending.bodyFinished();
        }
    }

    /**
     * The connection closed or failed. Before a response this is left to {@link #failed}: Reactor Netty
     * retries a request whose pooled connection turned out closed, and the application never sees it.
     * During an error body it ends the copy.
     */
    public void closed(Object operations, Throwable error) {
        if (open.get() == 0) {
            return;
        }
        Exchange exchange = conclude(operations);
        if (exchange != null && exchange.responded) {
            exchange.pending.failed(error);
        }
    }

    private Exchange conclude(Object operations) {
        Exchange removed = exchanges.remove(operations);
        if (removed != null) {
            open.decrementAndGet();
        }
        return removed;
    }

    /** Copies what is readable without moving the buffer's indices. True once the copy is full. */
    private static boolean copy(BodySnippet snippet, Object buffer) throws Throwable {
        if (buffer == null) {
            return false;
        }
        int readable = READABLE_BYTES.callInt(buffer);
        if (readable <= 0) {
            return snippet.isFull();
        }
        ByteBuffer view = (ByteBuffer) NIO_BUFFER.call(buffer, READER_INDEX.callInt(buffer), readable);
        return snippet.append(view);
    }

    private void describe(Exchange exchange, Object operations) throws Throwable {
        Object headers = REQUEST_HEADERS.call(operations);
        RequestCredentials.HeaderReader reader = new LibraryHeaders(HEADERS_GET, headers);
        String method = (String) METHOD_NAME.call(METHOD.call(operations));
        RequestCredentials.describe(exchange.pending, settings.reducer(), method, exchange.uri.getRawPath(),
                exchange.uri.getRawQuery(), reader);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> keptHeaders(Object headers) throws Throwable {
        return ResponseHeaders.kept(headers == null ? null : (List<Map.Entry<String, String>>) HEADERS_ENTRIES.call(headers));
    }

    /** One exchange's state; touched only on its connection's event loop. */
    private static final class Exchange {
        final PendingExchange pending;
        final URI uri;
        /** Weak: the operations lead back to their handler, a key of a weak map holding this. */
        final WeakReference<Object> operations;
        boolean responded;
        BodySnippet snippet;

        Exchange(PendingExchange pending, URI uri, Object operations) {
            this.pending = pending;
            this.uri = uri;
            this.operations = operations == null ? null : new WeakReference<>(operations);
        }
    }
}
