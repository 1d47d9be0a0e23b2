package dev.keywatch.exporter;

/** One classified LLM response, as the metrics see it: labels already decided, values already bounded. */
public final class ResponseRecord {
    private final String provider;
    private final String host;
    private final int status;
    private final String category;
    private final String reason;
    private final String key;
    private final double durationSeconds;

    public ResponseRecord(String provider, String host, int status, String category, String reason, String key,
                          double durationSeconds) {
        this.provider = provider;
        this.host = host;
        this.status = status;
        this.category = category;
        this.reason = reason;
        this.key = key;
        this.durationSeconds = durationSeconds;
    }

    public String provider() { return provider; }

    public String host() { return host; }

    public int status() { return status; }

    public String category() { return category; }

    public String reason() { return reason; }

    /** The fingerprint, its alias, {@code none} or {@code other}. */
    public String key() { return key; }

    public double durationSeconds() { return durationSeconds; }
}
