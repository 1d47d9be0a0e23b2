package dev.keywatch.agent.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The discriminators of a provider's error response, wherever that provider puts them: OpenAI-style
 * {@code error.type/code}, Anthropic's {@code error.type}, Google's {@code error.status} and
 * {@code details[].reason}, Bedrock's {@code x-amzn-ErrorType} header, xAI's flat {@code code/error},
 * Mistral's {@code message/detail}; inside a JSON array or not. Matching fields are lower case.
 */
final class ProviderError {
    /** {@code error.type} (OpenAI, Anthropic, Groq, DeepSeek…), lower case, or "". */
    final String type;
    /** {@code error.code} as text (a string, or a number such as OpenRouter's 401), lower case, or "". */
    final String code;
    /** Google's canonical {@code error.status} ({@code PERMISSION_DENIED}), lower case, or "". */
    final String status;
    /** The message, lower case, or "". */
    final String message;
    /** Google {@code ErrorInfo.reason}s ({@code api_key_invalid}), lower case. */
    final List<String> reasons;
    /** Bedrock's error type from {@code x-amzn-ErrorType} (before the colon), lower case, or "". */
    final String amznType;
    /** A Google quota violation with no allowance at all ({@code limit: 0}): billing, not a rate. */
    final boolean zeroQuota;
    /** Google {@code RetryInfo.retryDelay} in seconds, or -1. */
    final double retryDelaySeconds;
    /** The body's own {@code request_id}, or null. */
    final String requestId;
    /** The provider's own code, as it wrote it, for {@code provider_code}; or null. */
    final String providerCode;
    /** The whole body, lower case, for providers that answer with HTML or text. */
    final String text;
    final boolean parsed;

    private ProviderError(Builder b) {
        this.type = b.type;
        this.code = b.code;
        this.status = b.status;
        this.message = b.message;
        this.reasons = b.reasons;
        this.amznType = b.amznType;
        this.zeroQuota = b.zeroQuota;
        this.retryDelaySeconds = b.retryDelaySeconds;
        this.requestId = b.requestId;
        this.providerCode = b.providerCode;
        this.text = b.text;
        this.parsed = b.parsed;
    }

    boolean messageContains(String... needles) {
        for (String n : needles) {
            if (message.contains(n) || (!parsed && text.contains(n))) return true;
        }
        return false;
    }

    boolean codeOrTypeIs(String... values) {
        for (String v : values) {
            if (code.equals(v) || type.equals(v)) return true;
        }
        return false;
    }

    boolean hasReason(String reason) {
        return reasons.contains(reason);
    }

    static ProviderError of(String body, String amznErrorTypeHeader) {
        Builder b = new Builder();
        b.text = body == null ? "" : body.toLowerCase(Locale.ROOT);
        // Bedrock names its error in a header, "Code:namespace"; the code is also the provider's own.
        String amznCode = null;
        if (amznErrorTypeHeader != null) {
            int colon = amznErrorTypeHeader.indexOf(':');
            amznCode = colon >= 0 ? amznErrorTypeHeader.substring(0, colon) : amznErrorTypeHeader;
            b.amznType = lower(amznCode);
        }
        Object root = Json.parse(body);
        if (root instanceof List && !((List<?>) root).isEmpty()) {
            root = ((List<?>) root).get(0); // Google's array-wrapped errors
        }
        if (root instanceof Map) {
            b.parsed = true;
            read(b, (Map<?, ?>) root);
        }
        if (amznCode != null && !amznCode.isEmpty()) {
            b.providerCode = amznCode;
        } else if (b.providerCode != null && b.providerCode.isEmpty()) {
            b.providerCode = null;
        }
        return new ProviderError(b);
    }

    private static void read(Builder b, Map<?, ?> root) {
        b.requestId = string(root.get("request_id"));
        Object error = root.get("error");
        Map<?, ?> e = error instanceof Map ? (Map<?, ?>) error : root;
        if (error instanceof String) {
            b.message = lower((String) error); // xAI: {"code": "...", "error": "message"}
        }
        b.type = lower(string(e.get("type")));
        b.code = lower(text(e.get("code")));
        b.status = lower(string(e.get("status")));
        if (b.message.isEmpty()) {
            String m = string(e.get("message"));
            if (m == null) m = string(e.get("Message"));
            if (m == null) m = string(root.get("message"));
            if (m == null) m = string(root.get("Message"));
            if (m == null) m = string(root.get("detail"));
            if (m == null && e.get("message") instanceof Map) m = String.valueOf(e.get("message"));
            b.message = lower(m);
        }
        Object details = e.get("details");
        List<String> reasons = new ArrayList<>();
        if (details instanceof List) {
            for (Object d : (List<?>) details) {
                if (!(d instanceof Map)) continue;
                Map<?, ?> detail = (Map<?, ?>) d;
                String reason = string(detail.get("reason"));
                if (reason != null) reasons.add(lower(reason));
                String delay = string(detail.get("retryDelay"));
                if (delay != null && delay.endsWith("s")) {
                    try {
                        b.retryDelaySeconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
                    } catch (NumberFormatException ignored) {
                        // not a duration
                    }
                }
                Object violations = detail.get("violations");
                if (violations instanceof List) {
                    for (Object v : (List<?>) violations) {
                        if (v instanceof Map && "0".equals(string(((Map<?, ?>) v).get("quotaValue")))) {
                            b.zeroQuota = true;
                        }
                    }
                }
            }
        }
        b.reasons = reasons.isEmpty() ? Collections.<String>emptyList() : reasons;
        if (b.message.contains("limit: 0,") || b.message.contains("limit: 0\n")) {
            b.zeroQuota = true;
        }
        String typeOriginal = string(e.get("type"));
        String codeOriginal = text(e.get("code"));
        String statusOriginal = string(e.get("status"));
        String firstReason = null;
        if (details instanceof List) {
            for (Object d : (List<?>) details) {
                if (d instanceof Map && string(((Map<?, ?>) d).get("reason")) != null) {
                    firstReason = string(((Map<?, ?>) d).get("reason"));
                    break;
                }
            }
        }
        // The most specific code the provider gave: a named code, a Google reason, a type, a status.
        if (codeOriginal != null && !isNumeric(codeOriginal) && !codeOriginal.isEmpty()) {
            b.providerCode = codeOriginal;
        } else if (firstReason != null) {
            b.providerCode = firstReason;
        } else if (typeOriginal != null && !typeOriginal.isEmpty()) {
            b.providerCode = typeOriginal;
        } else if (statusOriginal != null) {
            b.providerCode = statusOriginal;
        } else if (codeOriginal != null) {
            b.providerCode = codeOriginal;
        }
    }

    private static boolean isNumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) return false;
        }
        return !s.isEmpty();
    }

    private static String string(Object o) {
        return o instanceof String ? (String) o : null;
    }

    private static String text(Object o) {
        if (o instanceof String) return (String) o;
        if (o instanceof Double) {
            double d = (Double) o;
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static final class Builder {
        String type = "";
        String code = "";
        String status = "";
        String message = "";
        List<String> reasons = Collections.emptyList();
        String amznType = "";
        boolean zeroQuota;
        double retryDelaySeconds = -1;
        String requestId;
        String providerCode;
        String text = "";
        boolean parsed;
    }
}
