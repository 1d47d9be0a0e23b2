package dev.keywatch.instrumentation.vertx;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.LibraryHeaders;
import dev.keywatch.instrumentation.support.RequestCredentials;
import dev.keywatch.instrumentation.support.RequestTargets;
import java.net.URI;
import java.util.List;
import java.util.Map;

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
    private final WeakRequestMap<Exchange> requests = new WeakRequestMap<>();
    /** Responses whose error body is being copied. */
    private final WeakRequestMap<Exchange> bodies = new WeakRequestMap<>();
    /** Requests created before their target was set (Vert.x 4.5): when each started, nanos and epoch millis. */
    private final WeakRequestMap<long[]> undecided = new WeakRequestMap<>();

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
            undecided.put(request, new long[] {System.nanoTime(), System.currentTimeMillis()});
            return;
        }
        String provider = providerFor(uri);
        if (provider != null) {
            requests.put(request, new Exchange(new PendingExchange(settings, CLIENT, request.getClass(), provider,
                    uri.getHost(), RequestTargets.effectivePort(uri))));
        }
    }

    /** The request's exchange if it is an LLM exchange, decided now for a request whose target came late. */
    private Exchange exchangeOf(Object request) throws Throwable {
        Exchange exchange = requests.remove(request);
        if (exchange != null) {
            return exchange;
        }
        long[] start = undecided.remove(request);
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
        }
        exchange.pending.responseFinished();
    }

    /** A piece of a response body, before the response hands it on. */
    public void chunk(Object response, Object buffer) throws Throwable {
        Exchange exchange = bodies.get(response);
        if (exchange == null || buffer == null) {
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
        Exchange exchange = bodies.remove(response);
        if (exchange != null) {
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
        RequestCredentials.HeaderReader reader = new LibraryHeaders(MULTIMAP_GET, headers);
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
