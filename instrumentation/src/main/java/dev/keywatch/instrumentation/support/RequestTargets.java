package dev.keywatch.instrumentation.support;

/**
 * Splits a request target as clients keep it ({@code /v1/chat/completions?x=1}, or the absolute form
 * {@code https://host/v1/...} sent to a proxy) into its raw path and query.
 */
public final class RequestTargets {
    private RequestTargets() {
    }

    public static String path(String target) {
        if (target == null) {
            return null;
        }
        String t = withoutOrigin(target);
        int q = t.indexOf('?');
        String path = q < 0 ? t : t.substring(0, q);
        int fragment = path.indexOf('#');
        return fragment < 0 ? path : path.substring(0, fragment);
    }

    /** The raw query, or null. */
    public static String query(String target) {
        if (target == null) {
            return null;
        }
        int q = target.indexOf('?');
        if (q < 0) {
            return null;
        }
        int fragment = target.indexOf('#', q);
        return fragment < 0 ? target.substring(q + 1) : target.substring(q + 1, fragment);
    }

    /** The URL a client keeps as text, parsed; null when it is absent or not a URI. */
    public static java.net.URI uri(String url) {
        if (url == null) {
            return null;
        }
        try {
            return java.net.URI.create(url);
        } catch (IllegalArgumentException notAUri) {
            return null; // not an LLM API URL the agent could name either
        }
    }

    /** The URI's port, or the one its scheme implies. */
    public static int effectivePort(java.net.URI uri) {
        return effectivePort(uri.getPort(), uri.getScheme());
    }

    /** The port a URL with no explicit port uses; -1 when the scheme is unknown. */
    public static int effectivePort(int port, String scheme) {
        if (port > 0 || scheme == null) {
            return port;
        }
        if (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss")) {
            return 443;
        }
        return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("ws") ? 80 : port;
    }

    private static String withoutOrigin(String target) {
        int scheme = target.indexOf("://");
        if (scheme < 0 || target.indexOf('/') < scheme) {
            return target;
        }
        int slash = target.indexOf('/', scheme + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }
}
