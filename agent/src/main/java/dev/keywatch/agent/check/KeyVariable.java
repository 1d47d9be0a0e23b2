package dev.keywatch.agent.check;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One environment variable an SDK reads a key from: its provider, the variables that move its base URL,
 * and the one authenticated request that proves the key without spending a token (listing models).
 */
public final class KeyVariable {
    /** How the provider wants the key sent. */
    public enum Auth { BEARER, X_API_KEY, API_KEY, X_GOOG_API_KEY }

    private final String name;
    private final String provider;
    private final List<String> baseUrlVariables;
    private final String defaultBaseUrl;
    private final String checkPath;
    private final Auth auth;

    KeyVariable(String name, String provider, String defaultBaseUrl, String checkPath, Auth auth,
                String... baseUrlVariables) {
        this.name = name;
        this.provider = provider;
        this.defaultBaseUrl = defaultBaseUrl;
        this.checkPath = checkPath;
        this.auth = auth;
        this.baseUrlVariables = Collections.unmodifiableList(Arrays.asList(baseUrlVariables));
    }

    public String name() { return name; }

    public String provider() { return provider; }

    /** The variables that override the base URL, first set wins. */
    public List<String> baseUrlVariables() { return baseUrlVariables; }

    /** The SDKs' default base URL; null when there is none (Azure needs its endpoint). */
    public String defaultBaseUrl() { return defaultBaseUrl; }

    /** Appended to the base URL for the online check; null when the provider has no free authenticated call. */
    public String checkPath() { return checkPath; }

    public Auth auth() { return auth; }
}
