package dev.keywatch.agent.check;

/** One thing wrong with a key held in an environment variable; never holds the key. */
public final class KeyFinding {
    private final String variable;
    private final String provider;
    private final String fingerprint;
    private final String hint;
    private final String finding;
    private final String detail;

    KeyFinding(String variable, String provider, String fingerprint, String hint, String finding, String detail) {
        this.variable = variable;
        this.provider = provider;
        this.fingerprint = fingerprint;
        this.hint = hint;
        this.finding = finding;
        this.detail = detail;
    }

    public String variable() { return variable; }

    public String provider() { return provider; }

    /** Null when no key is there at all (empty, placeholder). */
    public String fingerprint() { return fingerprint; }

    public String hint() { return hint; }

    /** A hygiene finding label, or {@code wrong_provider}: the {@code finding} label of the gauge. */
    public String finding() { return finding; }

    /** The finding and, where there is one, why: {@code wrong_provider (the value is a key of kind anthropic)}. */
    public String explain() {
        return detail == null ? finding : finding + " (" + detail + ")";
    }

    /** The stderr line: what, where, which key; never the key. */
    public String describe() {
        StringBuilder sb = new StringBuilder(variable).append(" (").append(provider);
        if (fingerprint != null) sb.append(", ").append(fingerprint);
        if (hint != null && !hint.isEmpty()) sb.append(", ").append(hint);
        return sb.append("): ").append(explain()).toString();
    }
}
