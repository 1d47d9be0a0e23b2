package dev.keywatch.credential;

/** Where a credential sat in the request: each provider reads only some of these. */
public enum CredentialLocation {
    AUTHORIZATION_BEARER("authorization-bearer"),
    /** {@code Authorization: <key>} with no scheme. */
    AUTHORIZATION_RAW("authorization-raw"),
    /** {@code Authorization: Basic …}. */
    AUTHORIZATION_BASIC("authorization-basic"),
    /** {@code Authorization: AWS4-HMAC-SHA256 Credential=<access key id>/…}. */
    AUTHORIZATION_SIGV4("authorization-sigv4"),
    X_API_KEY("x-api-key"),
    API_KEY("api-key"),
    X_GOOG_API_KEY("x-goog-api-key"),
    QUERY_KEY("query-key");

    private final String label;

    CredentialLocation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
