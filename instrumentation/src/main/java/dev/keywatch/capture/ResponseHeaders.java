package dev.keywatch.capture;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
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

    /** True for a {@code text/event-stream} body, which is never read. */
    public static boolean isEventStream(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
    }
}
