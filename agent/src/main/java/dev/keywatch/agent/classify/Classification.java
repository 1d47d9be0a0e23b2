package dev.keywatch.agent.classify;

import dev.keywatch.credential.ReducedCredential;
import java.util.Collections;
import java.util.Map;

/** What the classifier concluded about one exchange. */
public final class Classification {
    private final Reason reason;
    private final ReducedCredential credential;
    private final String providerCode;
    private final String requestId;
    private final double retryAfterSeconds;
    private final Map<String, Double> rateLimitRemaining;

    Classification(Reason reason, ReducedCredential credential, String providerCode, String requestId,
                   double retryAfterSeconds, Map<String, Double> rateLimitRemaining) {
        this.reason = reason;
        this.credential = credential;
        this.providerCode = providerCode;
        this.requestId = requestId;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rateLimitRemaining = rateLimitRemaining.isEmpty() ? Collections.<String, Double>emptyMap()
                : Collections.unmodifiableMap(rateLimitRemaining);
    }

    public Reason reason() { return reason; }

    /** The credential the provider was meant to read; null when the request carried none. */
    public ReducedCredential credential() { return credential; }

    /** The provider's own error code ({@code invalid_api_key}, {@code API_KEY_INVALID}…), or null. */
    public String providerCode() { return providerCode; }

    public String requestId() { return requestId; }

    /** Seconds the provider asked to wait, or -1. */
    public double retryAfterSeconds() { return retryAfterSeconds; }

    /** Limit name ({@code requests}, {@code tokens}, {@code input_tokens}, {@code output_tokens}) to the count left. */
    public Map<String, Double> rateLimitRemaining() { return rateLimitRemaining; }
}
