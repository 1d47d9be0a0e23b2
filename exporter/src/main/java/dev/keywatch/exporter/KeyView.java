package dev.keywatch.exporter;

/**
 * A tracked key as the key-level gauges read it, live. The agent's key memory implements it; the
 * exporter does not know how a state was decided.
 */
public interface KeyView {
    String provider();

    /** The label: fingerprint or alias. */
    String key();

    /** One of {@link KeywatchMetrics#KEY_STATES}. */
    String state();

    /** Epoch seconds of the last success, 0 when none. */
    double lastSuccessSeconds();

    /** Epoch seconds of the last failure of that category, 0 when none. */
    double lastFailureSeconds(String category);

    /** The last remaining count the provider reported for that limit, NaN when never reported. */
    double rateLimitRemaining(String limit);
}
