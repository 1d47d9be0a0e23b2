package dev.keywatch.instrumentation.vertx;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.RequestCredentials;
import dev.keywatch.instrumentation.support.RequestTargets;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Vert.x 4 and 5's core HTTP client, which its WebClient (and Quarkus's REST client) sends through: one
 * {@code HttpClientRequestBase} per exchange, created on a connection; the response object it creates
 * when the head arrives; the body chunks handed to that response before anyone reads them.
 */
public final class VertxCapture {
    static final String CLIENT = "vertx";
    private static final Accessor ABSOLUTE_URI = Accessor.of("absoluteURI");
    private static final Accessor REQUEST_HEADERS = Accessor.of("headers");
    private static final Accessor METHOD = Accessor.of("getMethod");
    private static final Accessor METHOD_NAME = Accessor.of("name");
    private static final Accessor MULTIMAP_GET = Accessor.of("get", String.class);
    private static final Accessor MULTIMAP_ENTRIES = Accessor.of("entries");
    private static final Accessor STATUS_CODE = Accessor.ofInt("statusCode");
    private static final Accessor RESPONSE_HEADERS = Accessor.of("headers");
    private static final Accessor BUFFER_LENGTH = Accessor.ofInt("length");
    private static final Accessor BUFFER_BYTES = Accessor.of("getBytes", int.class, int.class);

    private final CaptureSettings settings;
    // Vert.x's requests and responses keep Object's identity equality: these weak maps are identity maps.
    private final Map<Object, Exchange> requests = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<Object, Exchange> bodies = Collections.synchronizedMap(new WeakHashMap<>());
    /** Requests created before their target was set (Vert.x 4.5): when each started, nanos and epoch millis. */
    private final Map<Object, long[]> undecided = Collections.synchronizedMap(new WeakHashMap<>());
    /** Error bodies being copied: while there are none, a body chunk costs one read of this. */
    private final AtomicInteger copying = new AtomicInteger();
    /**
     * Entries put in {@code requests} and {@code undecided}, counted up before each put: while a map has
     * none, a response to any other host never takes its lock. An entry the collector clears first (a
     * request dropped without response or failure) leaves its count up, which only costs that shortcut.
     */
    private final AtomicInteger requested = new AtomicInteger();
    private final AtomicInteger undecidedCount = new AtomicInteger();

    public VertxCapture(CaptureSettings settings) {
        this.settings = settings;
    }

    /**
     * A request was created on a connection. Vert.x 4.0 and 5 know its target by now; 4.5 sets it just
     * after, so there only the start is noted, and the host is looked up when the response or failure comes.
     */
    public void request(Object request) throws Throwable {
        URI uri = target(request);
        if (uri == null) {
            undecidedCount.incrementAndGet();
            if (undecided.put(request, new long[] {System.nanoTime(), System.currentTimeMillis()}) != null) {
                undecidedCount.decrementAndGet();
            }
            return;
        }
        String provider = providerFor(uri);
        if (provider != null) {
            requested.incrementAndGet();
            if (requests.put(request, new Exchange(new PendingExchange(settings, CLIENT, request.getClass(), provider,
                    uri.getHost(), RequestTargets.effectivePort(uri)))) != null) {
                requested.decrementAndGet();
            }
        }
    }

    /** The request's exchange if it is an LLM exchange, decided now for a request whose target came late. */
    private Exchange exchangeOf(Object request) throws Throwable {
        if (requested.get() > 0) {
            Exchange exchange = requests.remove(request);
            if (exchange != null) {
                requested.decrementAndGet();
                return exchange;
            }
        }
        if (undecidedCount.get() == 0) {
            return null;
        }
        long[] start = undecided.remove(request);
        if (start != null) {
            undecidedCount.decrementAndGet();
        }
        URI uri = start == null ? null : target(request);
        String provider = uri == null ? null : providerFor(uri);
        return provider == null ? null : new Exchange(PendingExchange.startedAt(settings, CLIENT, provider,
                uri.getHost(), RequestTargets.effectivePort(uri), start[0], start[1]));
    }

    /** The request's absolute URI, or null while its host is not set. */
    private static URI target(Object request) throws Throwable {
        URI uri = RequestTargets.uri((String) ABSOLUTE_URI.call(request));
        String host = uri == null ? null : uri.getHost();
        return host == null || host.equals("null") ? null : uri;
    }

    private String providerFor(URI uri) {
        return settings.hosts().providerFor(uri.getHost(), RequestTargets.effectivePort(uri));
    }

    /** The response head arrived; the response object is new and no one has its body yet. */
    public void response(Object request, Object response) throws Throwable {
        Exchange exchange = exchangeOf(request);
        if (exchange == null) {
            return;
        }
        describe(exchange.pending, request);
        if (exchange.pending.onResponse(STATUS_CODE.callInt(response), keptHeaders(RESPONSE_HEADERS.call(response)))) {
            exchange.snippet = exchange.pending.startBody();
            bodies.put(response, exchange);
            copying.incrementAndGet();
        }
        exchange.pending.responseFinished();
    }

    /** A piece of a response body, before the response hands it on. */
    public void chunk(Object response, Object buffer) throws Throwable {
        if (copying.get() == 0 || buffer == null) {
            return;
        }
        Exchange exchange = bodies.get(response);
        if (exchange == null) {
            return;
        }
        int length = BUFFER_LENGTH.callInt(buffer);
        int wanted = Math.min(length, settings.maxBodyBytes());
        byte[] bytes = wanted <= 0 ? new byte[0] : (byte[]) BUFFER_BYTES.call(buffer, 0, wanted);
        if (exchange.snippet.append(bytes, 0, bytes.length) || length > wanted) {
            ended(response);
        }
    }

    /** The response body ended, or failed. */
    public void ended(Object response) {
        if (copying.get() == 0) {
            return;
        }
        Exchange exchange = bodies.remove(response);
        if (exchange != null) {
            copying.decrementAndGet();
            exchange.pending.bodyFinished();
        }
    }

    /** The request failed; before its response, that is the exchange's end. */
    public void requestFailed(Object request, Throwable error) throws Throwable {
        Exchange exchange = exchangeOf(request);
        if (exchange != null) {
            describe(exchange.pending, request);
            exchange.pending.failed(error);
        }
    }

    private void describe(PendingExchange pending, Object request) throws Throwable {
        Object headers = REQUEST_HEADERS.isPresentOn(request) ? REQUEST_HEADERS.call(request) : null;
        RequestCredentials.HeaderReader reader = name -> headers == null ? null
                : (String) MULTIMAP_GET.call(headers, name);
        URI uri = target(request);
        Object method = METHOD.call(request);
        String methodName = method == null ? null : (String) METHOD_NAME.call(method);
        RequestCredentials.describe(pending, settings.reducer(), methodName, uri == null ? null : uri.getRawPath(),
                uri == null ? null : uri.getRawQuery(), reader);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> keptHeaders(Object headers) throws Throwable {
        return ResponseHeaders.kept(headers == null ? null : (List<Map.Entry<String, String>>) MULTIMAP_ENTRIES.call(headers));
    }

    private static final class Exchange {
        final PendingExchange pending;
        volatile BodySnippet snippet;

        Exchange(PendingExchange pending) {
            this.pending = pending;
        }
    }
}
