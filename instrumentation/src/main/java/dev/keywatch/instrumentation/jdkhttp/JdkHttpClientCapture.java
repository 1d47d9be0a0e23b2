package dev.keywatch.instrumentation.jdkhttp;

import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.LateDetails;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.instrumentation.support.RequestCredentials;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Reads the JDK client's public request and response types; the body through a wrapped handler. */
public final class JdkHttpClientCapture {
    private final CaptureSettings settings;

    public JdkHttpClientCapture(CaptureSettings settings) {
        this.settings = settings;
    }

    public Object start(Object requestObject) throws Throwable {
        HttpRequest request = (HttpRequest) requestObject;
        URI uri = request.uri();
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        int port = uri.getPort();
        String provider = settings.hosts().providerFor(host, port);
        if (provider == null) {
            return null;
        }
        // A built request, its URI and its headers never change: the reporting thread reads them.
        return new PendingExchange(settings, "jdk-httpclient", request.getClass(), provider, host, port)
                .describeLater(new SentRequest(settings.reducer(), request.method(), uri, request.headers().map()));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public Object bodyHandler(Object token, Object handler) {
        return new TeeBodyHandler((HttpResponse.BodyHandler) handler, (PendingExchange) token, settings.errors());
    }

    public void sent(Object token, Object future, Throwable thrown) {
        PendingExchange exchange = (PendingExchange) token;
        if (thrown != null || !(future instanceof CompletableFuture)) {
            exchange.failed(thrown);
            return;
        }
        // A dependent stage: the application's own future and its completion are untouched.
        ((CompletableFuture<?>) future).whenComplete(new Completion(exchange));
    }

    /** The request as sent, read on the reporting thread. */
    private static final class SentRequest implements LateDetails, RequestCredentials.HeaderReader {
        private final CredentialReducer reducer;
        private final String method;
        private final URI uri;
        private final Map<String, List<String>> headers;
        private String[] firstValues;

        SentRequest(CredentialReducer reducer, String method, URI uri, Map<String, List<String>> headers) {
            this.reducer = reducer;
            this.method = method;
            this.uri = uri;
            this.headers = headers;
        }

        @Override
        public void readInto(LateDetails.Fields exchange) throws Throwable {
            RequestCredentials.describe(exchange, reducer, method, uri.getRawPath(), uri.getRawQuery(), this);
        }

        /**
         * What {@code firstValue} answers, from one pass over the request's few headers: five lookups in the
         * JDK's case-insensitive tree compared names a character at a time through {@code Character}'s
         * tables (some 9% of the reporting thread's time in a JDK-client load).
         */
        @Override
        public String get(String name) {
            if (firstValues == null) {
                firstValues = firstValues(headers);
            }
            int slot = RequestCredentials.slotOf(name);
            return slot < 0 ? null : firstValues[slot];
        }

        private static String[] firstValues(Map<String, List<String>> headers) {
            String[] first = new String[RequestCredentials.NAMES.size()];
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                int slot = RequestCredentials.slotOf(header.getKey());
                List<String> values = header.getValue();
                if (slot >= 0 && first[slot] == null && values != null && !values.isEmpty()) {
                    first[slot] = values.get(0);
                }
            }
            return first;
        }
    }

    /** What the application's future brings, seen from a stage of its own. */
    private final class Completion implements BiConsumer<Object, Throwable> {
        private final PendingExchange exchange;

        Completion(PendingExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void accept(Object response, Throwable error) {
            if (exchange.isReported()) {
                return; // the common case: the body handler reported it as the response arrived
            }
            try {
                if (error != null) {
                    exchange.failed(error);
                } else {
                    // The body handler has seen the status and headers already, unless the application's
                    // handler was bypassed (a cached or pushed response).
                    if (response instanceof HttpResponse && !exchange.hasResponse()) {
                        HttpResponse<?> r = (HttpResponse<?>) response;
                        exchange.onResponse(r.statusCode(), ResponseHeaders.keptFirstValues(r.headers().map()));
                    }
                    exchange.responseFinished();
                }
            } catch (Throwable t) {
                settings.errors().report("jdk-httpclient", t);
            }
        }
    }
}
