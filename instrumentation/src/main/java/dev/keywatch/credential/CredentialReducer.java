package dev.keywatch.credential;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a raw credential header value into a {@link ReducedCredential}. This is the only class that
 * ever holds a raw key, and only for the duration of one call (plus a small cache keyed by the value
 * the application itself still holds, so a service that sends one key a thousand times computes one
 * HMAC).
 */
public final class CredentialReducer {
    private static final int CACHE_LIMIT = 256;

    private final Fingerprinter fingerprinter;
    private final boolean showHints;
    @SuppressWarnings("unchecked")
    private final ConcurrentHashMap<String, ReducedCredential>[] caches =
            new ConcurrentHashMap[CredentialLocation.values().length];

    public CredentialReducer(String salt, boolean showHints) {
        this.fingerprinter = new Fingerprinter(salt);
        this.showHints = showHints;
        for (int i = 0; i < caches.length; i++) {
            caches[i] = new ConcurrentHashMap<>();
        }
    }

    /** Reduces an {@code Authorization} header value, whatever its scheme. */
    public ReducedCredential reduceAuthorization(String headerValue) {
        return cached(CredentialLocation.AUTHORIZATION_BEARER, headerValue);
    }

    /** Reduces the value of {@code x-api-key}, {@code api-key} or {@code x-goog-api-key}. */
    public ReducedCredential reduceHeader(CredentialLocation location, String headerValue) {
        return cached(location, headerValue);
    }

    /** Reduces the {@code key=} parameter of a raw (still percent-encoded) query string; null when absent. */
    public ReducedCredential reduceQuery(String rawQuery) {
        String value = queryKey(rawQuery);
        return value == null ? null : cached(CredentialLocation.QUERY_KEY, value);
    }

    private ReducedCredential cached(CredentialLocation location, String raw) {
        ConcurrentHashMap<String, ReducedCredential> cache = caches[location.ordinal()];
        ReducedCredential hit = cache.get(raw);
        if (hit != null) {
            return hit;
        }
        ReducedCredential reduced = reduce(location, raw);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(raw, reduced);
        return reduced;
    }

    ReducedCredential reduce(CredentialLocation headerLocation, String raw) {
        Set<HygieneFinding> findings = EnumSet.noneOf(HygieneFinding.class);
        String value = stripAndNote(raw, findings);
        CredentialLocation location = headerLocation;
        String token = value;

        if (headerLocation == CredentialLocation.AUTHORIZATION_BEARER) {
            if (startsWithWord(value, "AWS4-HMAC-SHA256")) {
                location = CredentialLocation.AUTHORIZATION_SIGV4;
                token = sigV4AccessKeyId(value);
            } else if (startsWithWord(value, "Basic")) {
                location = CredentialLocation.AUTHORIZATION_BASIC;
                token = value.substring(5).trim();
            } else if (startsWithWord(value, "Bearer")) {
                token = value.substring(6).trim();
                while (startsWithWord(token, "Bearer")) {
                    findings.add(HygieneFinding.DOUBLE_SCHEME);
                    token = token.substring(6).trim();
                }
            } else if (!value.isEmpty()) {
                location = CredentialLocation.AUTHORIZATION_RAW;
                findings.add(HygieneFinding.MISSING_SCHEME);
            }
        }

        token = stripQuotesAndEscapes(token, findings);
        String key = removeInvisible(token, findings);

        if (key.isEmpty()) {
            findings.add(HygieneFinding.EMPTY);
        } else if (Placeholders.isPlaceholder(key)) {
            findings.add(HygieneFinding.PLACEHOLDER);
        } else if (key.indexOf('\u2026') >= 0 || key.contains("***") || key.contains("...")) {
            findings.add(HygieneFinding.MASKED);
        }

        KeyKind kind = key.isEmpty() ? KeyKind.UNKNOWN : KeyKind.of(key, location);
        if (kind.isKnown() && key.length() < kind.minLength() && !findings.contains(HygieneFinding.MASKED)
                && !findings.contains(HygieneFinding.PLACEHOLDER)) {
            findings.add(HygieneFinding.TRUNCATED);
        }

        boolean missing = findings.contains(HygieneFinding.EMPTY) || findings.contains(HygieneFinding.PLACEHOLDER);
        String fingerprint = missing ? null : fingerprinter.fingerprint(key);
        String hint = missing || !showHints ? "" : hint(kind, key);
        return new ReducedCredential(location, fingerprint, kind, hint, findings);
    }

    /** Public prefix, an ellipsis and the last four characters; only the prefix when the key is short. */
    static String hint(KeyKind kind, String key) {
        String prefix = kind.prefixOf(key);
        if (!key.startsWith(prefix)) {
            prefix = "";
        }
        // Show the last four only when at least 8 secret characters stay hidden between them and the prefix.
        if (key.length() - prefix.length() >= 12) {
            return prefix + "\u2026" + key.substring(key.length() - 4);
        }
        return prefix + "\u2026";
    }

    private static String stripAndNote(String raw, Set<HygieneFinding> findings) {
        if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0) {
            findings.add(HygieneFinding.NEWLINE);
        }
        int start = 0;
        int end = raw.length();
        while (start < end && Character.isWhitespace(raw.charAt(start))) {
            if (raw.charAt(start) == ' ' || raw.charAt(start) == '\t') findings.add(HygieneFinding.LEADING_WHITESPACE);
            start++;
        }
        while (end > start && Character.isWhitespace(raw.charAt(end - 1))) {
            if (raw.charAt(end - 1) == ' ' || raw.charAt(end - 1) == '\t') findings.add(HygieneFinding.TRAILING_WHITESPACE);
            end--;
        }
        return raw.substring(start, end);
    }

    private static String stripQuotesAndEscapes(String token, Set<HygieneFinding> findings) {
        String t = token;
        boolean changed = true;
        while (changed && !t.isEmpty()) {
            changed = false;
            if (t.endsWith("\\n") || t.endsWith("\\r")) {
                findings.add(HygieneFinding.NEWLINE);
                t = t.substring(0, t.length() - 2);
                changed = true;
            }
            if (!t.isEmpty() && isQuote(t.charAt(0))) {
                findings.add(HygieneFinding.QUOTES);
                t = t.substring(1);
                changed = true;
            }
            if (!t.isEmpty() && isQuote(t.charAt(t.length() - 1))) {
                findings.add(HygieneFinding.QUOTES);
                t = t.substring(0, t.length() - 1);
                changed = true;
            }
            String trimmed = t.trim();
            if (trimmed.length() != t.length()) {
                findings.add(HygieneFinding.TRAILING_WHITESPACE);
                t = trimmed;
                changed = true;
            }
        }
        return t;
    }

    private static String removeInvisible(String token, Set<HygieneFinding> findings) {
        StringBuilder clean = null;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean printableAscii = c > 0x20 && c < 0x7f;
            if (!printableAscii) {
                if (clean == null) {
                    clean = new StringBuilder(token.length());
                    clean.append(token, 0, i);
                }
                if (c == '\r' || c == '\n') {
                    findings.add(HygieneFinding.NEWLINE);
                } else if (c == ' ' || c == '\t') {
                    findings.add(HygieneFinding.TRAILING_WHITESPACE);
                } else if (c == '\u2026') {
                    clean.append(c); // an ellipsis is kept: it marks a masked key, judged below
                } else {
                    findings.add(HygieneFinding.NON_ASCII);
                }
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? token : clean.toString();
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`' || c == '\u201c' || c == '\u201d' || c == '\u2018' || c == '\u2019';
    }

    private static boolean startsWithWord(String s, String word) {
        return s.regionMatches(true, 0, word, 0, word.length())
                && (s.length() == word.length() || Character.isWhitespace(s.charAt(word.length())));
    }

    private static String sigV4AccessKeyId(String header) {
        int at = header.indexOf("Credential=");
        if (at < 0) {
            return "";
        }
        int from = at + "Credential=".length();
        int slash = header.indexOf('/', from);
        return slash < 0 ? "" : header.substring(from, slash);
    }

    static String queryKey(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        int from = 0;
        while (from <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', from);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (rawQuery.startsWith("key=", from)) {
                return decode(rawQuery.substring(from + 4, end));
            }
            if (amp < 0) {
                break;
            }
            from = amp + 1;
        }
        return null;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            return encoded;
        }
    }
}
