package dev.keywatch.capture;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The response headers the classifier and exporter read; every other header is left alone. */
public final class ResponseHeaders {
    private static final NameSlots KEPT = new NameSlots(Arrays.asList(
            "content-type", "content-encoding",
            "x-request-id", "request-id", "apim-request-id", "x-amzn-requestid",
            "retry-after", "retry-after-ms", "x-ms-retry-after-ms", "x-should-retry",
            "x-amzn-errortype",
            "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens",
            "anthropic-ratelimit-requests-remaining", "anthropic-ratelimit-tokens-remaining",
            "anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-output-tokens-remaining",
            "x-ratelimitbysize-remaining-minute"));

    static {
        if (KEPT.names().size() > Long.SIZE) {
            throw new IllegalStateException("a KeptHeaders marks its filled slots in one long");
        }
    }

    private ResponseHeaders() {
    }

    /** The lower-case name when this header is kept, else null. Header names are ASCII (RFC 9110 tokens). */
    public static String keptName(String name) {
        int slot = slot(name);
        return slot < 0 ? null : KEPT.names().get(slot);
    }

    /** How many names are kept: the slots of a {@link KeptHeaders}. */
    static int count() {
        return KEPT.names().size();
    }

    /** The lower-case name kept in a slot. */
    static String name(int slot) {
        return KEPT.names().get(slot);
    }

    /**
     * The slot of a kept name, for a reader that asks for it at every response (see
     * {@link KeptHeaders#value}); resolved once, where a name would be hashed at each lookup.
     */
    public static int slotOf(String keptName) {
        int slot = slot(keptName);
        if (slot < 0) {
            throw new IllegalArgumentException(keptName + " is not a kept response header");
        }
        return slot;
    }

    /** The slot of a kept name (in any case), or -1 for a header that is not kept. */
    static int slot(String name) {
        return KEPT.slot(name);
    }

    /** The kept headers of a client's name-value list (Netty's and Vert.x's {@code entries()}), first value each. */
    public static KeptHeaders kept(Iterable<? extends Map.Entry<String, String>> entries) {
        KeptHeaders kept = new KeptHeaders();
        if (entries != null) {
            for (Map.Entry<String, String> e : entries) {
                int slot = kept.slotFor(e.getKey());
                if (slot >= 0) {
                    kept.fill(slot, e.getValue());
                }
            }
        }
        return kept;
    }

    /** The kept headers of a name-to-values map (the JDK's), one value each. */
    public static KeptHeaders keptFirstValues(Map<String, List<String>> all) {
        KeptHeaders kept = new KeptHeaders();
        if (all != null) {
            for (Map.Entry<String, List<String>> e : all.entrySet()) {
                int slot = kept.slotFor(e.getKey());
                if (slot >= 0 && !e.getValue().isEmpty()) {
                    kept.fill(slot, e.getValue().get(0));
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
