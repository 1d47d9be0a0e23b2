package dev.keywatch.capture;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The response headers the classifier and exporter read; every other header is left alone. */
public final class ResponseHeaders {
    private static final List<String> KEPT = Arrays.asList(
            "content-type", "content-encoding",
            "x-request-id", "request-id", "apim-request-id", "x-amzn-requestid",
            "retry-after", "retry-after-ms", "x-ms-retry-after-ms", "x-should-retry",
            "x-amzn-errortype",
            "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens",
            "anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-tokens-remaining",
            "anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-output-tokens-remaining",
            "x-ratelimitbysize-remaining-minute");
    /**
     * The kept names by a hash that ignores ASCII case, open addressing: every response header is looked
     * up, and this costs no lower-cased copy of each name.
     */
    private static final String[] TABLE = new String[64];
    private static final int MASK = TABLE.length - 1;

    static {
        for (String name : KEPT) {
            int i = hashIgnoringCase(name) & MASK;
            while (TABLE[i] != null) {
                i = (i + 1) & MASK;
            }
            TABLE[i] = name;
        }
    }

    private ResponseHeaders() {
    }

    /** The lower-case name when this header is kept, else null. Header names are ASCII (RFC 9110 tokens). */
    public static String keptName(String name) {
        if (name == null) {
            return null;
        }
        for (int i = hashIgnoringCase(name) & MASK; TABLE[i] != null; i = (i + 1) & MASK) {
            String kept = TABLE[i];
            if (kept.length() == name.length() && kept.regionMatches(true, 0, name, 0, kept.length())) {
                return kept;
            }
        }
        return null;
    }

    /**
     * From the length and three characters, case folded: constant time for any name (a response carries a
     * dozen headers, most of them not kept), and the kept names hardly collide.
     */
    private static int hashIgnoringCase(String name) {
        int n = name.length();
        if (n == 0) {
            return 0;
        }
        return n * 961 + lower(name.charAt(0)) * 31 + lower(name.charAt(n / 2)) * 7 + lower(name.charAt(n - 1));
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The kept headers of a client's name-value list (Netty's and Vert.x's {@code entries()}), first value each. */
    public static Map<String, String> kept(Iterable<? extends Map.Entry<String, String>> entries) {
        Map<String, String> kept = new HashMap<>();
        if (entries != null) {
            for (Map.Entry<String, String> e : entries) {
                String name = keptName(e.getKey());
                if (name != null) {
                    kept.putIfAbsent(name, e.getValue());
                }
            }
        }
        return kept;
    }

    /** The kept headers of a name-to-values map (the JDK's), one value each. */
    public static Map<String, String> keptFirstValues(Map<String, List<String>> all) {
        Map<String, String> kept = new HashMap<>();
        if (all != null) {
            for (Map.Entry<String, List<String>> e : all.entrySet()) {
                String name = keptName(e.getKey());
                if (name != null && !e.getValue().isEmpty()) {
                    kept.putIfAbsent(name, e.getValue().get(0));
                }
            }
        }
        return kept;
    }

    /** True for a {@code text/event-stream} body, which is never read. */
    public static boolean isEventStream(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
    }
}
