package dev.keywatch.instrumentation.okhttp;

import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.RequestCredentials;
import java.util.HashMap;
import java.util.Map;

/** Reads OkHttp's request and response objects, whichever OkHttp version the application ships. */
public final class OkHttpCapture {
    private static final Accessor CALL_REQUEST = Accessor.of("request");
    private static final Accessor REQUEST_URL = Accessor.of("url");
    private static final Accessor REQUEST_METHOD = Accessor.of("method");
    private static final Accessor REQUEST_HEADER = Accessor.of("header", String.class);
    private static final Accessor URL_HOST = Accessor.of("host");
    private static final Accessor URL_PORT = Accessor.ofInt("port");
    private static final Accessor URL_PATH = Accessor.of("encodedPath");
    private static final Accessor URL_QUERY = Accessor.of("encodedQuery");
    private static final Accessor RESPONSE_CODE = Accessor.ofInt("code");
    private static final Accessor RESPONSE_REQUEST = Accessor.of("request");
    private static final Accessor RESPONSE_HEADERS = Accessor.of("headers");
    private static final Accessor RESPONSE_PEEK_BODY = Accessor.of("peekBody", long.class);
    private static final Accessor HEADERS_SIZE = Accessor.ofInt("size");
    private static final Accessor HEADERS_NAME = Accessor.of("name", int.class);
    private static final Accessor HEADERS_VALUE = Accessor.of("value", int.class);
    private static final Accessor BODY_BYTES = Accessor.of("bytes");

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
        return new Started(new PendingExchange(settings, "okhttp", call.getClass(), provider, host, port), request);
    }

    public void end(Object token, Object response, Throwable thrown) throws Throwable {
        Started started = (Started) token;
        PendingExchange exchange = started.exchange;
        // The response carries the request as the application interceptors left it (auth headers included).
        Object request = response != null ? RESPONSE_REQUEST.call(response) : started.request;
        describe(exchange, request);
        if (response == null) {
            exchange.failed(thrown);
            return;
        }
        int code = RESPONSE_CODE.callInt(response);
        if (exchange.onResponse(code, keptHeaders(RESPONSE_HEADERS.call(response)))) {
            try {
                // A copy: peekBody buffers the bytes it reads, and the application still reads them all.
                Object peeked = RESPONSE_PEEK_BODY.call(response, (long) settings.maxBodyBytes());
                exchange.bodyCopied((byte[]) BODY_BYTES.call(peeked));
            } catch (java.io.IOException e) {
                // The application will meet the same failure when it reads; classify without the body.
            } catch (RuntimeException e) {
                settings.errors().report("okhttp", e);
            }
        }
        exchange.responseFinished();
    }

    private void describe(PendingExchange exchange, Object request) throws Throwable {
        Object url = REQUEST_URL.call(request);
        RequestCredentials.HeaderReader headers = name -> (String) REQUEST_HEADER.call(request, name);
        RequestCredentials.describe(exchange, settings.reducer(), (String) REQUEST_METHOD.call(request),
                (String) URL_PATH.call(url), (String) URL_QUERY.call(url), headers);
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

    private static final class Started {
        final PendingExchange exchange;
        final Object request;

        Started(PendingExchange exchange, Object request) {
            this.exchange = exchange;
            this.request = request;
        }
    }
}
