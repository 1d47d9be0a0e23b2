package dev.keywatch.agent.classify;

import java.util.Locale;

/** Every reason of the contract, each with its category. */
public enum Reason {
    OK("ok"),
    MISSING_KEY("auth"),
    MALFORMED_KEY("auth"),
    WRONG_AUTH_SCHEME("auth"),
    KEY_PROVIDER_MISMATCH("auth"),
    REVOKED_KEY("auth"),
    INVALID_KEY("auth"),
    WRONG_ORG_OR_PROJECT("permission"),
    MODEL_ACCESS_DENIED("permission"),
    REGION_BLOCKED("permission"),
    PERMISSION_DENIED("permission"),
    QUOTA_EXHAUSTED("quota"),
    RATE_LIMITED("rate_limit"),
    OVERLOADED("upstream"),
    SERVER_ERROR("upstream"),
    BAD_REQUEST("client_error"),
    TRANSPORT_ERROR("transport");

    private final String category;
    private final String label;

    Reason(String category) {
        this.category = category;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    /** The {@code reason} label value. */
    public String label() {
        return label;
    }

    /** The {@code category} label value. */
    public String category() {
        return category;
    }
}
