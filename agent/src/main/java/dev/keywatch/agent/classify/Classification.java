package dev.keywatch.agent.classify;

import dev.keywatch.credential.ReducedCredential;
import dev.keywatch.exporter.KeywatchMetrics;

/** What the classifier concluded about one exchange. */
public final class Classification {
    private final Reason reason;
    private final ReducedCredential credential;
    private final String providerCode;
    private final String requestId;
    private final double retryAfterSeconds;
    /** By the index of the limit in {@link KeywatchMetrics#RATE_LIMITS}, NaN where none was reported; or null. */
    private final double[] rateLimitRemaining;

    Classification(Reason reason, ReducedCredential credential, String providerCode, String requestId,
                   double retryAfterSeconds, double[] rateLimitRemaining) {
        this.reason = reason;
        this.credential = credential;
        this.providerCode = providerCode;
        this.requestId = requestId;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rateLimitRemaining = rateLimitRemaining;
    }

    public Reason reason() { return reason; }

    /** The credential the provider was meant to read; null when the request carried none. */
    public ReducedCredential credential() { return credential; }

    /** The provider's own error code ({@code invalid_api_key}, {@code API_KEY_INVALID}…), or null. */
    public String providerCode() { return providerCode; }

    public String requestId() { return requestId; }

    /** Seconds the provider asked to wait, or -1. */
    public double retryAfterSeconds() { return retryAfterSeconds; }

    /**
     * The count left of the limit at {@code index} in {@link KeywatchMetrics#RATE_LIMITS} ({@code requests},
     * {@code tokens}, {@code input_tokens}, {@code output_tokens}), as the response reported it; NaN when it
     * reported none.
     */
    public double rateLimitRemaining(int index) {
        return rateLimitRemaining == null ? Double.NaN : rateLimitRemaining[index];
    }

    /** True when the response reported the count left of any limit. */
    public boolean reportsRateLimits() { return rateLimitRemaining != null; }
}
