package dev.keywatch.agent.catalog;

import java.util.Locale;

/**
 * A host name with at most one {@code *}: {@code api.openai.com}, {@code *.openai.azure.com},
 * {@code bedrock-runtime.*.amazonaws.com}, optionally with {@code :port}.
 */
final class HostPattern {
    private final String prefix;
    private final String suffix;
    private final boolean wildcard;
    private final int port;

    private HostPattern(String prefix, String suffix, boolean wildcard, int port) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.wildcard = wildcard;
        this.port = port;
    }

    static HostPattern parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int port = -1;
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(']') < colon) {
            port = Integer.parseInt(t.substring(colon + 1));
            if (port < 1 || port > 65535) throw new NumberFormatException("port out of range: " + port);
            t = t.substring(0, colon);
        }
        int star = t.indexOf('*');
        if (star < 0) {
            return new HostPattern(t, "", false, port);
        }
        if (t.indexOf('*', star + 1) >= 0) {
            throw new IllegalArgumentException("at most one * is allowed");
        }
        return new HostPattern(t.substring(0, star), t.substring(star + 1), true, port);
    }

    boolean isExact() {
        return !wildcard;
    }

    /** The host of an exact pattern. */
    String host() {
        return prefix;
    }

    int port() {
        return port;
    }

    /** Matches a lower-case host; the wildcard stands for at least one character. */
    boolean matches(String host, int hostPort) {
        if (port >= 0 && port != hostPort) {
            return false;
        }
        if (!wildcard) {
            return prefix.equals(host);
        }
        return host.length() > prefix.length() + suffix.length() && host.startsWith(prefix) && host.endsWith(suffix);
    }
}
