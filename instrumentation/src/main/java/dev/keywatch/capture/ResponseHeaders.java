package dev.keywatch.capture;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The response headers the classifier and exporter read; every other header is left alone. */
public final class ResponseHeaders {
    private static final Set<String> KEPT = new HashSet<>(Arrays.asList(
            "content-type", "content-encoding",
            "x-request-id", "request-id", "apim-request-id", "x-amzn-requestid",
            "retry-after", "retry-after-ms", "x-ms-retry-after-ms", "x-should-retry",
            "x-amzn-errortype",
            "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens",
            "anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-tokens-remaining",
            "anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-output-tokens-remaining",
            "x-ratelimitbysize-remaining-minute"));

    private ResponseHeaders() {
    }

    /** The lower-case name when this header is kept, else null. */
    public static String keptName(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return KEPT.contains(lower) ? lower : null;
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
