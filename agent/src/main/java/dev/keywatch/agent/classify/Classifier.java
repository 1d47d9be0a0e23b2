package dev.keywatch.agent.classify;

import dev.keywatch.agent.catalog.ProviderCatalog;
import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.credential.ReducedCredential;
import dev.keywatch.exporter.KeywatchMetrics;
import java.util.List;

/**
 * Status + provider error body + headers + the reduced credential ⇒ one reason. Reads the status,
 * then the body's discriminators, then the message; the client-side diagnosis (missing, wrong header,
 * wrong provider, damaged key) wins over what the provider says, because it names the fix.
 */
public final class Classifier {

    public Classification classify(CapturedExchange exchange) {
        String provider = exchange.provider();
        ReducedCredential credential = effectiveCredential(provider, exchange.credentials(), exchange.path());
        String[] limits = rateLimits(exchange);
        if (exchange.status() == 0) {
            return new Classification(Reason.TRANSPORT_ERROR, credential, null, limits, null, null);
        }
        ProviderError error = exchange.status() >= 400
                ? ProviderError.of(exchange.body(), exchange.header(AMZN_ERROR_TYPE))
                : null;
        Reason reason = error == null ? Reason.OK : providerReason(exchange.status(), error);
        if (error != null && (reason.category().equals("auth") || exchange.status() == 401 || exchange.status() == 403)) {
            Reason clientSide = clientSide(provider, exchange, credential);
            if (clientSide != null) {
                reason = clientSide;
            }
        }
        // The request id and retry delay are read when asked: for a success only an event or span asks.
        return new Classification(reason, credential, error == null ? null : error.providerCode, limits,
                exchange, error);
    }

    /** The reason the provider's answer gives, before looking at what the client sent. */
    static Reason providerReason(int status, ProviderError e) {
        if (status < 400) {
            return Reason.OK;
        }
        if (isQuota(status, e)) return Reason.QUOTA_EXHAUSTED;
        if (isRevoked(e)) return Reason.REVOKED_KEY;
        if (isRegionBlocked(e)) return Reason.REGION_BLOCKED;
        if (e.codeOrTypeIs("mismatched_organization", "mismatched_project")
                || e.messageContains("openai-organization header should match", "openai-project header should match")) {
            return Reason.WRONG_ORG_OR_PROJECT;
        }
        if (status <= 403 && isMissingKey(e)) return Reason.MISSING_KEY;
        if (isInvalidKey(status, e)) return Reason.INVALID_KEY;
        if (isPermission(e)) return Reason.PERMISSION_DENIED;
        if (isModel(status, e)) return Reason.MODEL_ACCESS_DENIED;
        if (status == 429 || isRateLimit(e)) return Reason.RATE_LIMITED;
        if (status == 529 || status == 503 || e.type.equals("overloaded_error")
                || (status == 498 && e.codeOrTypeIs("capacity_exceeded"))) {
            return Reason.OVERLOADED;
        }
        if (status == 401 || status == 498) return Reason.INVALID_KEY; // Cohere answers a bad token with 498
        if (status == 403) return Reason.PERMISSION_DENIED;
        if (status >= 500) return Reason.SERVER_ERROR;
        return Reason.BAD_REQUEST;
    }

    private static boolean isQuota(int status, ProviderError e) {
        if (status == 402) return true; // Cohere, DeepSeek, OpenRouter, Together, Fireworks: pay first
        if (e.codeOrTypeIs("insufficient_quota", "billing_not_active", "credit_balance_exhausted",
                "organization_spend_limit_exceeded", "project_spend_limit_exceeded",
                "organization_usage_limit_exceeded", "billing_error")) {
            return true;
        }
        if (e.hasReason("billing_disabled")) return true;
        if (status == 429 && e.status.equals("resource_exhausted") && e.zeroQuota) return true; // Gemini limit: 0
        return e.messageContains("credit balance is too low", "reached your specified api usage limits",
                "used all available credits", "reached its monthly spending limit",
                "requires billing to be enabled", "insufficient balance");
    }

    private static boolean isRevoked(ProviderError e) {
        if (e.codeOrTypeIs("account_deactivated", "organization_restricted")) return true;
        if (e.amznType.equals("expiredtokenexception")) return true;
        return e.messageContains("associated with a deactivated account", "organization has been disabled",
                "organization has been restricted", "api key expired", "reported as leaked",
                "account is suspended", "has been suspended", "api key has expired", "your api key has expired");
    }

    private static boolean isRegionBlocked(ProviderError e) {
        if (e.codeOrTypeIs("unsupported_country_region_territory")) return true;
        if (e.type.equals("forbidden") && e.messageContains("request not allowed")) return true; // Anthropic
        return e.messageContains("country, region, or territory not supported", "user location is not supported",
                "unsupported countries, regions, or territories", "not available in your country");
    }

    private static boolean isMissingKey(ProviderError e) {
        if (e.hasReason("credentials_missing")) return true;
        return e.messageContains("didn't provide an api key", "missing subscription key", "x-api-key header is required",
                "no api key supplied", "no auth credentials found", "no api key provided",
                "unregistered callers", "missing authentication token",
                "request is missing required authentication credential");
    }

    private static boolean isInvalidKey(int status, ProviderError e) {
        if (e.codeOrTypeIs("invalid_api_key", "authentication_error")) return true;
        if (e.hasReason("api_key_invalid")) return true;
        if (e.amznType.equals("unrecognizedclientexception") || e.amznType.equals("invalidsignatureexception")) {
            return true;
        }
        if (e.messageContains("api key not valid", "incorrect api key", "invalid api key", "invalid x-api-key",
                "invalid api token", "invalid subscription key", "security token included in the request is invalid",
                "please make sure your api key is valid", "signature we calculated does not match")) {
            return true;
        }
        return status == 401 && e.status.equals("unauthenticated");
    }

    private static boolean isPermission(ProviderError e) {
        if (e.amznType.equals("accessdeniedexception")) return true;
        if (e.codeOrTypeIs("permissiondenied", "rejected_by_access_enforcement", "permission_error")) return true;
        return e.messageContains("insufficient permissions", "missing scopes", "does not have access to api/operation");
    }

    private static boolean isModel(int status, ProviderError e) {
        if (e.codeOrTypeIs("model_not_found", "deploymentnotfound", "invalid_model")) return true;
        if (status == 404 && (e.type.equals("not_found_error") || e.status.equals("not_found")
                || e.messageContains("model"))) {
            return true;
        }
        return e.messageContains("model identifier is invalid", "model not found", "invalid model");
    }

    private static boolean isRateLimit(ProviderError e) {
        // Bedrock's ServiceQuotaExceededException is a 400 that clears with time: a rate limit, not a spent quota.
        return e.codeOrTypeIs("rate_limit_exceeded", "rate_limit_error") || e.amznType.equals("throttlingexception")
                || e.amznType.equals("modelnotreadyexception") || e.amznType.equals("servicequotaexceededexception");
    }

    /** Client-side diagnosis, in the order that names the most specific fix; null when nothing is wrong. */
    private static Reason clientSide(String provider, CapturedExchange exchange, ReducedCredential credential) {
        if (credential == null || credential.isMissing()) {
            return Reason.MISSING_KEY;
        }
        if (!AuthSchemes.accepts(provider, credential, exchange.path())) {
            return Reason.WRONG_AUTH_SCHEME;
        }
        // A provider of the user's own naming (a relay, a gateway) may accept any kind of key.
        if (ProviderCatalog.isBuiltIn(provider) && credential.kind().isKnown()
                && !credential.kind().providers().contains(provider)) {
            return Reason.KEY_PROVIDER_MISMATCH;
        }
        if (credential.isMalformed()) {
            return Reason.MALFORMED_KEY;
        }
        return null;
    }

    /** The credential the provider reads; failing that, the first one sent (then in the wrong place). */
    static ReducedCredential effectiveCredential(String provider, List<ReducedCredential> credentials, String path) {
        if (credentials.isEmpty()) {
            return null;
        }
        for (ReducedCredential c : credentials) {
            if (AuthSchemes.accepts(provider, c, path) && !c.isMissing()) {
                return c;
            }
        }
        for (ReducedCredential c : credentials) {
            if (AuthSchemes.accepts(provider, c, path)) {
                return c;
            }
        }
        return credentials.get(0);
    }

    static String requestId(CapturedExchange exchange, ProviderError error) {
        String id = exchange.header(REQUEST_ID);
        if (id == null) id = exchange.header(X_REQUEST_ID);
        if (id == null) id = exchange.header(APIM_REQUEST_ID);
        if (id == null) id = exchange.header(AMZN_REQUEST_ID);
        if (id == null && error != null) id = error.requestId;
        return id;
    }

    static double retryAfter(CapturedExchange exchange, ProviderError error) {
        String ms = exchange.header(RETRY_AFTER_MS);
        if (ms == null) ms = exchange.header(MS_RETRY_AFTER_MS);
        if (ms != null) {
            try {
                return Double.parseDouble(ms.trim()) / 1000.0;
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String seconds = exchange.header(RETRY_AFTER);
        if (seconds != null) {
            try {
                return Double.parseDouble(seconds.trim());
            } catch (NumberFormatException e) {
                try {
                    long at = java.time.ZonedDateTime.parse(seconds.trim(),
                            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                    return Math.max(0, (at - System.currentTimeMillis()) / 1000.0);
                } catch (RuntimeException ignored) {
                    // neither seconds nor an HTTP date
                }
            }
        }
        return error != null ? error.retryDelaySeconds : -1;
    }

    // The response headers read at every response, by slot (see ResponseHeaders.slotOf).
    private static final int AMZN_ERROR_TYPE = ResponseHeaders.slotOf("x-amzn-errortype");
    private static final int REQUEST_ID = ResponseHeaders.slotOf("request-id");
    private static final int X_REQUEST_ID = ResponseHeaders.slotOf("x-request-id");
    private static final int APIM_REQUEST_ID = ResponseHeaders.slotOf("apim-request-id");
    private static final int AMZN_REQUEST_ID = ResponseHeaders.slotOf("x-amzn-requestid");
    private static final int RETRY_AFTER_MS = ResponseHeaders.slotOf("retry-after-ms");
    private static final int MS_RETRY_AFTER_MS = ResponseHeaders.slotOf("x-ms-retry-after-ms");
    private static final int RETRY_AFTER = ResponseHeaders.slotOf("retry-after");

    private static final int REQUESTS = KeywatchMetrics.RATE_LIMITS.indexOf("requests");
    private static final int TOKENS = KeywatchMetrics.RATE_LIMITS.indexOf("tokens");
    private static final int INPUT_TOKENS = KeywatchMetrics.RATE_LIMITS.indexOf("input_tokens");
    private static final int OUTPUT_TOKENS = KeywatchMetrics.RATE_LIMITS.indexOf("output_tokens");

    /**
     * The rate-limit headers in the order a response's first one for a limit wins, and that limit. One list,
     * so that the mask that skips them all cannot miss one that is read.
     */
    private static final int[] COUNT_HEADERS = {
            ResponseHeaders.slotOf("x-ratelimit-remaining-requests"),
            ResponseHeaders.slotOf("anthropic-ratelimit-requests-remaining"),
            ResponseHeaders.slotOf("x-ratelimit-remaining-tokens"),
            ResponseHeaders.slotOf("anthropic-ratelimit-tokens-remaining"),
            ResponseHeaders.slotOf("x-ratelimitbysize-remaining-minute"),
            ResponseHeaders.slotOf("anthropic-ratelimit-input-tokens-remaining"),
            ResponseHeaders.slotOf("anthropic-ratelimit-output-tokens-remaining")};
    private static final int[] COUNT_LIMITS = {REQUESTS, REQUESTS, TOKENS, TOKENS, TOKENS, INPUT_TOKENS, OUTPUT_TOKENS};
    private static final long COUNT_HEADER_SLOTS = slots(COUNT_HEADERS);

    private static long slots(int[] headers) {
        long mask = 0;
        for (int slot : headers) {
            mask |= 1L << slot;
        }
        return mask;
    }

    /**
     * By limit index, the count as the response sent it (null where it sent none); null when it sent none at
     * all. Not parsed here: only the last count of each key is ever shown, so it is parsed when a scrape reads
     * it (see {@link RemainingCount}), and the response's header strings, made on the client's thread, are
     * not read on this one.
     */
    private static String[] rateLimits(CapturedExchange exchange) {
        if (!exchange.hasAnyHeader(COUNT_HEADER_SLOTS)) {
            return null;
        }
        String[] out = null;
        for (int i = 0; i < COUNT_HEADERS.length; i++) {
            out = put(out, COUNT_LIMITS[i], exchange.header(COUNT_HEADERS[i]));
        }
        return out;
    }

    /** The first header a response gives for a limit wins. */
    private static String[] put(String[] out, int limit, String value) {
        if (value == null || (out != null && out[limit] != null)) return out;
        String[] limits = out != null ? out : new String[KeywatchMetrics.RATE_LIMITS.size()];
        limits[limit] = value;
        return limits;
    }
}
