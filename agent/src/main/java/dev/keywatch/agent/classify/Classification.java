package dev.keywatch.agent.classify;

import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.credential.ReducedCredential;
import dev.keywatch.exporter.KeywatchMetrics;

/** What the classifier concluded about one exchange. Read on the thread that classified it. */
public final class Classification {
    private final Reason reason;
    private final ReducedCredential credential;
    private final String providerCode;
    /** By the index of the limit in {@link KeywatchMetrics#RATE_LIMITS}, the header's value or null; or null. */
    private final String[] rateLimitCounts;
    // Read from these when first asked: at most responses nobody asks (a success without an event or span).
    // Null for a transport error, which has neither id nor delay.
    private final CapturedExchange exchange;
    private final ProviderError error;
    private boolean detailsRead;
    private String requestId;
    private double retryAfterSeconds = -1;

    Classification(Reason reason, ReducedCredential credential, String providerCode, String[] rateLimitCounts,
                   CapturedExchange exchange, ProviderError error) {
        this.reason = reason;
        this.credential = credential;
        this.providerCode = providerCode;
        this.rateLimitCounts = rateLimitCounts;
        this.exchange = exchange;
        this.error = error;
    }

    public Reason reason() { return reason; }

    /** The credential the provider was meant to read; null when the request carried none. */
    public ReducedCredential credential() { return credential; }

    /** The provider's own error code ({@code invalid_api_key}, {@code API_KEY_INVALID}…), or null. */
    public String providerCode() { return providerCode; }

    /** The provider's request id, from its headers or its error body; null when it gave none. */
    public String requestId() {
        readDetails();
        return requestId;
    }

    /** Seconds the provider asked to wait, or -1. */
    public double retryAfterSeconds() {
        readDetails();
        return retryAfterSeconds;
    }

    private void readDetails() {
        if (detailsRead) {
            return;
        }
        detailsRead = true;
        if (exchange != null) {
            requestId = Classifier.requestId(exchange, error);
            retryAfterSeconds = Classifier.retryAfter(exchange, error);
        }
    }

    /**
     * The count left of the limit at {@code index} in {@link KeywatchMetrics#RATE_LIMITS} ({@code requests},
     * {@code tokens}, {@code input_tokens}, {@code output_tokens}), as the response reported it; NaN when it
     * reported none or what it sent is not a number.
     */
    public double rateLimitRemaining(int index) {
        return RemainingCount.parse(rateLimitCount(index));
    }

    /**
     * That count as the response's header gave it, not yet parsed (see {@link RemainingCount}); null when the
     * response had no header for that limit.
     */
    public String rateLimitCount(int index) {
        return rateLimitCounts == null ? null : rateLimitCounts[index];
    }

    /** True when the response had a header for the count left of any limit. */
    public boolean reportsRateLimits() { return rateLimitCounts != null; }
}
