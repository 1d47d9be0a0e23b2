package dev.keywatch.capture;

import java.util.Arrays;
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
     * The slots of the kept names (their index in {@link #KEPT}, plus one; 0 is empty) by a hash that ignores
     * ASCII case, open addressing: every response header is looked up, and this costs no lower-cased copy
     * of each name.
     */
    private static final byte[] TABLE = new byte[64];
    private static final int MASK = TABLE.length - 1;

    static {
        if (KEPT.size() > Long.SIZE) {
            throw new IllegalStateException("a KeptHeaders marks its filled slots in one long");
        }
        for (int slot = 0; slot < KEPT.size(); slot++) {
            int i = hashIgnoringCase(KEPT.get(slot)) & MASK;
            while (TABLE[i] != 0) {
                i = (i + 1) & MASK;
            }
            TABLE[i] = (byte) (slot + 1);
        }
    }

    private ResponseHeaders() {
    }

    /** The lower-case name when this header is kept, else null. Header names are ASCII (RFC 9110 tokens). */
    public static String keptName(String name) {
        int slot = slot(name);
        return slot < 0 ? null : KEPT.get(slot);
    }

    /** How many names are kept: the slots of a {@link KeptHeaders}. */
    static int count() {
        return KEPT.size();
    }

    /** The lower-case name kept in a slot. */
    static String name(int slot) {
        return KEPT.get(slot);
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
        if (name == null) {
            return -1;
        }
        for (int i = hashIgnoringCase(name) & MASK; TABLE[i] != 0; i = (i + 1) & MASK) {
            String kept = KEPT.get(TABLE[i] - 1);
            // The classifier asks by the very literal kept here (string literals are one object per JVM).
            if (kept == name
                    || (kept.length() == name.length() && kept.regionMatches(true, 0, name, 0, kept.length()))) {
                return TABLE[i] - 1;
            }
        }
        return -1;
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
