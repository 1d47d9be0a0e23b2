package dev.keywatch.instrumentation.okhttp;

import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.capture.LateDetails;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.RequestCredentials;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads OkHttp's request and response objects, whichever OkHttp version the application ships. OkHttp
 * never changes a built request, URL or header list, so the application's thread takes only references
 * to them, and the reporting thread reads them (see {@link LateDetails}); only an error response, whose
 * body is copied as the application reads it, has its headers read on the spot.
 */
public final class OkHttpCapture {
    static final String CLIENT = "okhttp";

    private static final Accessor CALL_REQUEST = Accessor.of("request");
    private static final Accessor REQUEST_URL = Accessor.of("url");
    private static final Accessor REQUEST_METHOD = Accessor.of("method");
    private static final Accessor REQUEST_HEADERS = Accessor.of("headers");
    private static final Accessor URL_HOST = Accessor.of("host");
    private static final Accessor URL_PORT = Accessor.ofInt("port");
    private static final Accessor URL_PATH = Accessor.of("encodedPath");
    private static final Accessor URL_QUERY = Accessor.of("encodedQuery");
    private static final Accessor RESPONSE_CODE = Accessor.ofInt("code");
    private static final Accessor RESPONSE_REQUEST = Accessor.of("request");
    private static final Accessor RESPONSE_HEADERS = Accessor.of("headers");
    private static final Accessor HEADERS_GET = Accessor.of("get", String.class);
    private static final Accessor HEADERS_SIZE = Accessor.ofInt("size");
    private static final Accessor HEADERS_NAME = Accessor.of("name", int.class);
    private static final Accessor HEADERS_VALUE = Accessor.of("value", int.class);

    private final CaptureSettings settings;

    public OkHttpCapture(CaptureSettings settings) {
        this.settings = settings;
    }

    /** Null unless the call goes to an LLM host: a host lookup is all a non-LLM call pays. */
    public Object start(Object call) throws Throwable {
        Object request = CALL_REQUEST.call(call);
        Object url = REQUEST_URL.call(request);
        String host = (String) URL_HOST.call(url);
        int port = URL_PORT.callInt(url);
        String provider = settings.hosts().providerFor(host, port);
        if (provider == null) {
            return null;
        }
        return new Started(new PendingExchange(settings, CLIENT, call.getClass(), provider, host, port), request);
    }

    /** The response the application gets: the very one, or for an LLM error the same with its body copied as read. */
    public Object end(Object token, Object response, Throwable thrown) throws Throwable {
        Started started = (Started) token;
        PendingExchange exchange = started.exchange;
        // The response carries the request as the application interceptors left it (auth headers included).
        Object request = response != null ? RESPONSE_REQUEST.call(response) : started.request;
        exchange.describeLater(new SentRequest(settings.reducer(), (String) REQUEST_METHOD.call(request),
                REQUEST_URL.call(request), REQUEST_HEADERS.call(request)));
        if (response == null) {
            exchange.failed(thrown);
            return null;
        }
        Object headers = RESPONSE_HEADERS.call(response);
        Object handedOn = response;
        if (exchange.onResponse(RESPONSE_CODE.callInt(response), () -> keptHeaders(headers))) {
            try {
                Object teed = TeedResponses.teed(response, exchange, settings.errors());
                handedOn = teed == null ? response : teed;
            } catch (Throwable t) {
                settings.errors().report(CLIENT, t);
                exchange.bodyFinished();
            }
        }
        exchange.responseFinished();
        return handedOn;
    }

    private static Map<String, String> keptHeaders(Object headers) throws Throwable {
        Map<String, String> kept = new HashMap<>();
        int size = HEADERS_SIZE.callInt(headers);
        for (int i = 0; i < size; i++) {
            String name = ResponseHeaders.keptName((String) HEADERS_NAME.call(headers, i));
            if (name != null) {
                kept.putIfAbsent(name, (String) HEADERS_VALUE.call(headers, i));
            }
        }
        return kept;
    }

    /** The request as sent, read on the reporting thread. */
    private static final class SentRequest implements LateDetails {
        private final CredentialReducer reducer;
        private final String method;
        private final Object url;
        private final Object headers;

        SentRequest(CredentialReducer reducer, String method, Object url, Object headers) {
            this.reducer = reducer;
            this.method = method;
            this.url = url;
            this.headers = headers;
        }

        @Override
        public void readInto(CapturedExchange.Builder exchange) throws Throwable {
            RequestCredentials.describe(exchange, reducer, method, (String) URL_PATH.call(url),
                    (String) URL_QUERY.call(url), name -> (String) HEADERS_GET.call(headers, name));
        }
    }

    private static final class Started {
        final PendingExchange exchange;
        final Object request;

        Started(PendingExchange exchange, Object request) {
            this.exchange = exchange;
            this.request = request;
        }
    }
}
