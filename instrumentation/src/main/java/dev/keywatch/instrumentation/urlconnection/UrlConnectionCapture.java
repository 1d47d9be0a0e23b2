package dev.keywatch.instrumentation.urlconnection;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.capture.TeeInputStream;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.LibraryHeaders;
import dev.keywatch.instrumentation.support.RequestCredentials;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * {@code HttpURLConnection} spreads one exchange over several calls ({@code getResponseCode},
 * {@code getInputStream}, {@code getHeaderField}, {@code getErrorStream}, in any order and number),
 * so the state of each LLM connection lives here, weakly, until the connection is gone.
 */
public final class UrlConnectionCapture {
    private static final Accessor FIND_VALUE = Accessor.of("findValue", String.class);
    private static final Accessor GET_HEADERS = Accessor.of("getHeaders");

    private final CaptureSettings settings;
    // URLConnection keeps Object's identity equality, so a WeakHashMap is an identity map here.
    private final Map<Object, ConnectionState> states = Collections.synchronizedMap(new WeakHashMap<>());

    public UrlConnectionCapture(CaptureSettings settings) {
        this.settings = settings;
    }

    public Object enter(Object connectionObject) {
        HttpURLConnection connection = (HttpURLConnection) connectionObject;
        URL url = connection.getURL();
        // The host first: a connection to any other host costs this lookup and nothing else.
        String provider = settings.hosts().providerFor(url.getHost(), url.getPort());
        if (provider == null) {
            return null;
        }
        ConnectionState state = states.get(connection);
        if (state != null) {
            return state;
        }
        ConnectionState created = new ConnectionState(
                new PendingExchange(settings, "httpurlconnection", connection.getClass(), provider, url.getHost(),
                        url.getPort()));
        ConnectionState raced = states.putIfAbsent(connection, created);
        return raced != null ? raced : created;
    }

    public void exit(Object token, Object connectionObject, int responseCodeField, Object requestHeaders,
                     Object responseHeaders, Throwable thrown, boolean readsResponse) throws Throwable {
        ConnectionState state = (ConnectionState) token;
        // In streaming mode (Spring's RestTemplate, any fixed-length or chunked body) a 401 or a redirect
        // cannot be retried: getInputStream throws this, with the status, before the field is set, and the
        // connection is closed, so there is no body for anyone to read.
        boolean unreadable = thrown instanceof HttpRetryException && responseCodeField <= 0;
        int responseCode = unreadable ? ((HttpRetryException) thrown).responseCode() : responseCodeField;
        HttpURLConnection connection = (HttpURLConnection) connectionObject;
        synchronized (state) {
            if (state.concluded) {
                return;
            }
            boolean hasResponse = responseCode > 0;
            boolean failedToConnect = thrown instanceof java.io.IOException || (readsResponse && thrown != null);
            if (!hasResponse && !failedToConnect) {
                return; // connected or opened the output stream: nothing to report yet
            }
            state.concluded = true;
        }
        PendingExchange exchange = state.exchange;
        URL url = connection.getURL();
        RequestCredentials.HeaderReader reader = new LibraryHeaders(FIND_VALUE, requestHeaders);
        RequestCredentials.describe(exchange, settings.reducer(), connection.getRequestMethod(), url.getPath(),
                url.getQuery(), reader);
        if (responseCode <= 0) {
            exchange.failed(thrown);
            return;
        }
        if (exchange.onResponse(responseCode, keptHeaders(responseHeaders)) && !unreadable) {
            // The application reads the body from getErrorStream(), if at all; copy it as it does.
            synchronized (state) {
                state.snippet = exchange.startBody();
            }
        }
        exchange.responseFinished();
    }

    public Object errorStream(Object connection, Object streamObject) {
        ConnectionState state = states.get(connection);
        if (state == null) {
            return streamObject;
        }
        InputStream stream = (InputStream) streamObject;
        synchronized (state) {
            if (state.snippet == null) {
                return stream;
            }
            TeeInputStream tee = state.tee == null ? null : state.tee.get();
            if (tee == null || !tee.wraps(stream)) {
                tee = new TeeInputStream(stream, state.snippet, state.exchange);
                state.tee = new WeakReference<>(tee);
            }
            return tee;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> keptHeaders(Object messageHeader) throws Throwable {
        // MessageHeader lists repeated headers last-first; any one value serves.
        return ResponseHeaders.keptFirstValues(messageHeader == null ? null
                : (Map<String, List<String>>) GET_HEADERS.call(messageHeader));
    }

    private static final class ConnectionState {
        final PendingExchange exchange;
        boolean concluded;
        BodySnippet snippet;
        // Weak: the JDK's error stream is an inner class of the connection, so holding it strongly
        // would keep the connection, the key of the weak map, alive for ever.
        WeakReference<TeeInputStream> tee;

        ConnectionState(PendingExchange exchange) {
            this.exchange = exchange;
        }
    }
}
