package dev.keywatch.instrumentation.apache;

import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.KeptHeaders;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.RequestCredentials;
import dev.keywatch.instrumentation.support.RequestTargets;

/**
 * What HttpClient 4 and 5 share: {@code HttpHost}, {@code Header} and {@code getFirstHeader} kept their
 * names across both, so one reader serves both packages.
 */
final class ApacheMessages {
    private static final Accessor ROUTE_TARGET = Accessor.of("getTargetHost");
    private static final Accessor HOST_NAME = Accessor.of("getHostName");
    private static final Accessor HOST_PORT = Accessor.ofInt("getPort");
    private static final Accessor HOST_SCHEME = Accessor.of("getSchemeName");
    private static final Accessor FIRST_HEADER = Accessor.of("getFirstHeader", String.class);
    private static final Accessor HEADER_NAME = Accessor.of("getName");
    private static final Accessor HEADER_VALUE = Accessor.of("getValue");

    private ApacheMessages() {
    }

    /** A new exchange when the route's target is an LLM host, else null: a host lookup is all other calls pay. */
    static PendingExchange startFor(CaptureSettings settings, String client, Object route, Object request)
            throws Throwable {
        Object target = ROUTE_TARGET.call(route);
        if (target == null) {
            return null;
        }
        String host = (String) HOST_NAME.call(target);
        int port = RequestTargets.effectivePort(HOST_PORT.callInt(target), (String) HOST_SCHEME.call(target));
        String provider = settings.hosts().providerFor(host, port);
        if (provider == null) {
            return null;
        }
        return new PendingExchange(settings, client, request.getClass(), provider, host, port);
    }

    /** The request as it went on the wire, after the client's own interceptors. */
    static void describe(CaptureSettings settings, PendingExchange exchange, Object request, String method,
                         String target) throws Throwable {
        RequestCredentials.describe(exchange, settings.reducer(), method, RequestTargets.path(target),
                RequestTargets.query(target), new FirstHeaders(request));
    }

    /** A request's first header of each name, as HttpClient's {@code getFirstHeader} gives it. */
    private static final class FirstHeaders implements RequestCredentials.HeaderReader {
        private final Object request;

        FirstHeaders(Object request) {
            this.request = request;
        }

        @Override
        public String get(String name) throws Throwable {
            Object header = FIRST_HEADER.call(request, name);
            return header == null ? null : (String) HEADER_VALUE.call(header);
        }
    }

    static KeptHeaders keptHeaders(Object[] headers) throws Throwable {
        KeptHeaders kept = new KeptHeaders();
        if (headers != null) {
            for (Object header : headers) {
                int slot = kept.slotFor((String) HEADER_NAME.call(header));
                if (slot >= 0) {
                    kept.fill(slot, (String) HEADER_VALUE.call(header));
                }
            }
        }
        return kept;
    }
}
