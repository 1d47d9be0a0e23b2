package dev.keywatch.agent.keys;

import dev.keywatch.agent.classify.Classification;
import dev.keywatch.agent.classify.Reason;
import dev.keywatch.agent.classify.RemainingCount;
import dev.keywatch.exporter.KeyView;
import dev.keywatch.exporter.KeywatchMetrics;

/** What this process remembers of one key: its state, last success, last failure per category, limits. */
public final class KeyRecord implements KeyView {
    /** {@link #stateFor} of every reason, worked out once rather than by a string switch per response. */
    private static final String[] STATE_AFTER = new String[Reason.values().length];

    static {
        for (Reason reason : Reason.values()) {
            STATE_AFTER[reason.ordinal()] = stateFor(reason);
        }
    }

    private final String provider;
    private final String label;
    private volatile String state;
    private volatile boolean everSucceeded;
    private volatile double lastSuccessSeconds;
    private final double[] lastFailureSeconds = new double[KeywatchMetrics.FAILURE_CATEGORIES.size()];
    private final double[] rateLimitRemaining = new double[KeywatchMetrics.RATE_LIMITS.size()];
    // The count each limit's latest response gave, as sent: parsed when a scrape reads it, so that of the
    // hundreds of counts between two scrapes only the one shown is parsed.
    private final String[] rateLimitCounts = new String[KeywatchMetrics.RATE_LIMITS.size()];

    KeyRecord(String provider, String label) {
        this.provider = provider;
        this.label = label;
        java.util.Arrays.fill(rateLimitRemaining, Double.NaN);
    }

    /** True when this key has succeeded in this process, so that a later rejection means it was revoked. */
    public boolean everSucceeded() {
        return everSucceeded;
    }

    /**
     * Moves the state for a response; reasons that say nothing about the key leave it as it was. The
     * rate limits are those the response reported (see {@link Classification#rateLimitCount(int)}).
     */
    public synchronized void record(Reason reason, long epochMillis, Classification limits) {
        double seconds = epochMillis / 1000.0;
        // Volatile fields are written only when they change: the reporting thread records a success for
        // nearly every call, and each volatile store is a fence.
        if (reason == Reason.OK) {
            if (!everSucceeded) {
                everSucceeded = true;
            }
            lastSuccessSeconds = seconds;
        } else {
            int category = KeywatchMetrics.FAILURE_CATEGORIES.indexOf(reason.category());
            if (category >= 0) {
                lastFailureSeconds[category] = seconds;
            }
        }
        String next = STATE_AFTER[reason.ordinal()];
        if (next != null && !next.equals(state)) {
            state = next;
        }
        if (limits.reportsRateLimits()) {
            for (int i = 0; i < rateLimitCounts.length; i++) {
                String count = limits.rateLimitCount(i);
                if (count != null) rateLimitCounts[i] = count;
            }
        }
    }

    static String stateFor(Reason reason) {
        switch (reason.category()) {
            case "ok":
                return "healthy";
            case "auth":
                return reason == Reason.REVOKED_KEY ? "revoked" : "failing";
            case "permission":
                return "forbidden";
            case "quota":
                return "quota_exhausted";
            case "rate_limit":
                return "rate_limited";
            default:
                return null; // upstream, client and transport errors are not the key's doing
        }
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String key() {
        return label;
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public double lastSuccessSeconds() {
        return lastSuccessSeconds;
    }

    @Override
    public synchronized double lastFailureSeconds(String category) {
        int i = KeywatchMetrics.FAILURE_CATEGORIES.indexOf(category);
        return i < 0 ? 0 : lastFailureSeconds[i];
    }

    /** The count the latest response gave that was a number; NaN until one was. */
    @Override
    public synchronized double rateLimitRemaining(String limit) {
        int i = KeywatchMetrics.RATE_LIMITS.indexOf(limit);
        if (i < 0) {
            return Double.NaN;
        }
        if (rateLimitCounts[i] != null) {
            double parsed = RemainingCount.parse(rateLimitCounts[i]);
            rateLimitCounts[i] = null;
            if (!Double.isNaN(parsed)) {
                rateLimitRemaining[i] = parsed;
            }
        }
        return rateLimitRemaining[i];
    }
}
