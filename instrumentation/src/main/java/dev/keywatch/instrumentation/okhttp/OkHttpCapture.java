package dev.keywatch.instrumentation.okhttp;

import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.KeptHeaders;
import dev.keywatch.capture.LateDetails;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.instrumentation.support.RequestCredentials;

/**
 * Reads OkHttp's request and response objects, whichever OkHttp version the application ships. OkHttp
 * never changes a built request, URL or header list, so the application's thread takes only references
 * to the request's, and the reporting thread reads them (see {@link LateDetails}); the response's kept
 * headers are read on the spot, while the thread that parsed them still has them at hand.
 */
public final class OkHttpCapture {
    static final String CLIENT = "okhttp";

    private final CaptureSettings settings;

    public OkHttpCapture(CaptureSettings settings) {
        this.settings = settings;
    }

    /** Null unless the call goes to an LLM host: a host lookup is all a non-LLM call pays. */
    public Object start(Object call) throws Throwable {
        OkHttpApi api = OkHttpApi.of(call);
        Object request = api.callRequest.call(call);
        Object url = api.requestUrl.call(request);
        String host = (String) api.urlHost.call(url);
        int port = api.urlPort.callInt(url);
        String provider = settings.hosts().providerFor(host, port);
        if (provider == null) {
            return null;
        }
        return new Started(api, new PendingExchange(settings, CLIENT, call.getClass(), provider, host, port), request);
    }

    /** The response the application gets: the very one, or for an LLM error the same with its body copied as read. */
    public Object end(Object token, Object response, Throwable thrown) throws Throwable {
        Started started = (Started) token;
        OkHttpApi api = started.api;
        PendingExchange exchange = started.exchange;
        // The response carries the request as the application interceptors left it (auth headers included).
        Object request = response != null ? api.responseRequest.call(response) : started.request;
        exchange.describeLater(new SentRequest(api, settings.reducer(), (String) api.requestMethod.call(request),
                api.requestUrl.call(request), api.requestHeaders.call(request)));
        if (response == null) {
            exchange.failed(thrown);
            return null;
        }
        Object handedOn = response;
        if (exchange.onResponse(api.responseCode.callInt(response),
                keptHeaders(api, api.responseHeaders.call(response)))) {
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

    /** The kept ones of a response's headers, read on the thread that has just parsed them. */
    private static KeptHeaders keptHeaders(OkHttpApi api, Object headers) throws Throwable {
        KeptHeaders kept = new KeptHeaders();
        int size = api.headersSize.callInt(headers);
        for (int i = 0; i < size; i++) {
            int slot = kept.slotFor((String) api.headersName.call(headers, i));
            if (slot >= 0) {
                kept.fill(slot, (String) api.headersValue.call(headers, i));
            }
        }
        return kept;
    }

    /** The request as sent, read on the reporting thread. */
    private static final class SentRequest implements LateDetails, RequestCredentials.HeaderReader {
        private final OkHttpApi api;
        private final CredentialReducer reducer;
        private final String method;
        private final Object url;
        private final Object headers;

        SentRequest(OkHttpApi api, CredentialReducer reducer, String method, Object url, Object headers) {
            this.api = api;
            this.reducer = reducer;
            this.method = method;
            this.url = url;
            this.headers = headers;
        }

        @Override
        public void readInto(LateDetails.Fields exchange) throws Throwable {
            RequestCredentials.describe(exchange, reducer, method, (String) api.urlPath.call(url),
                    (String) api.urlQuery.call(url), this);
        }

        @Override
        public String get(String name) throws Throwable {
            return (String) api.headersGet.call(headers, name);
        }
    }

    private static final class Started {
        final OkHttpApi api;
        final PendingExchange exchange;
        final Object request;

        Started(OkHttpApi api, PendingExchange exchange, Object request) {
            this.api = api;
            this.exchange = exchange;
            this.request = request;
        }
    }
}
