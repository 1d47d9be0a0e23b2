package dev.keywatch.credential;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a key looks like it is, judged from its public prefix (and, for keys without one, the header
 * it arrived in). The prefix is public: it is what the hint shows and what secret scanners match.
 */
public enum KeyKind {
    // Order matters: longer, more specific prefixes first.
    ANTHROPIC_ADMIN("anthropic-admin", "sk-ant-admin", 100, "anthropic"),
    ANTHROPIC("anthropic", "sk-ant-", 100, "anthropic"),
    OPENROUTER("openrouter", "sk-or-", 73, "openrouter"),
    OPENAI_PROJECT("openai-project", "sk-proj-", 100, "openai"),
    OPENAI_SERVICE_ACCOUNT("openai-service-account", "sk-svcacct-", 100, "openai"),
    OPENAI_ADMIN("openai-admin", "sk-admin-", 100, "openai"),
    /** {@code sk-} and 32 lowercase hex/alphanumerics, without OpenAI's {@code T3BlbkFJ} marker. */
    DEEPSEEK("deepseek", "sk-", 35, "deepseek"),
    OPENAI_LEGACY("openai-legacy", "sk-", 51, "openai"),
    GOOGLE("google", "AIza", 39, "gcp.gemini", "gcp.vertex_ai"),
    GOOGLE_OAUTH("google-oauth", "ya29.", 20, "gcp.vertex_ai", "gcp.gemini"),
    GROQ("groq", "gsk_", 56, "groq"),
    XAI("xai", "xai-", 84, "x_ai"),
    PERPLEXITY("perplexity", "pplx-", 53, "perplexity"),
    TOGETHER("together", "tgp_v1_", 50, "together_ai"),
    FIREWORKS("fireworks", "fw_", 20, "fireworks_ai"),
    AWS_ACCESS_KEY("aws-access-key", "AKIA", 20, "aws.bedrock"),
    AWS_BEDROCK_API_KEY("aws-bedrock-api-key", "ABSK", 100, "aws.bedrock"),
    /** An Azure resource key: no prefix, recognised only by arriving in the {@code api-key} header. */
    AZURE("azure", "", 32, "azure.ai.openai"),
    UNKNOWN("unknown", "", 0);

    private final String label;
    private final String prefix;
    private final int minLength;
    private final Set<String> providers;

    KeyKind(String label, String prefix, int minLength, String... providers) {
        this.label = label;
        this.prefix = prefix;
        this.minLength = minLength;
        this.providers = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(providers)));
    }

    /** The name used in spans, logs and the {@code fingerprint} command. */
    public String label() {
        return label;
    }

    /** The public part of the key that the hint may show. */
    public String publicPrefix() {
        return prefix;
    }

    /** Shorter than this, a key of this kind has been cut off. */
    public int minLength() {
        return minLength;
    }

    /** The {@code gen_ai.provider.name} values that issue keys of this kind; empty when unknown. */
    public Set<String> providers() {
        return providers;
    }

    public boolean isKnown() {
        return !providers.isEmpty();
    }

    /** Classifies a clean (normalised) key. */
    public static KeyKind of(String key, CredentialLocation location) {
        if (location == CredentialLocation.AUTHORIZATION_SIGV4) {
            return AWS_ACCESS_KEY;
        }
        if (key.startsWith("sk-ant-admin")) return ANTHROPIC_ADMIN;
        if (key.startsWith("sk-ant-")) return ANTHROPIC;
        if (key.startsWith("sk-or-")) return OPENROUTER;
        if (key.startsWith("sk-proj-")) return OPENAI_PROJECT;
        if (key.startsWith("sk-svcacct-")) return OPENAI_SERVICE_ACCOUNT;
        if (key.startsWith("sk-admin-")) return OPENAI_ADMIN;
        if (key.startsWith("sk-")) {
            if (key.contains("T3BlbkFJ")) return OPENAI_LEGACY;
            if (key.length() == 35 && isLowerAlnum(key, 3)) return DEEPSEEK;
            return UNKNOWN;
        }
        if (key.startsWith("AIza")) return GOOGLE;
        if (key.startsWith("ya29.")) return GOOGLE_OAUTH;
        if (key.startsWith("gsk_")) return GROQ;
        if (key.startsWith("xai-")) return XAI;
        if (key.startsWith("pplx-")) return PERPLEXITY;
        if (key.startsWith("tgp_v1_")) return TOGETHER;
        if (key.startsWith("fw_")) return FIREWORKS;
        if (key.startsWith("ABSK") || key.startsWith("bedrock-api-key-")) return AWS_BEDROCK_API_KEY;
        if ((key.startsWith("AKIA") || key.startsWith("ASIA")) && key.length() == 20) return AWS_ACCESS_KEY;
        // Azure resource keys have no prefix: known by their header, or by being 32 lower-case hex digits.
        if (location == CredentialLocation.API_KEY || (key.length() == 32 && isLowerHex(key))) return AZURE;
        return UNKNOWN;
    }

    /** The public prefix actually present on this key: {@code sk-ant-api03-}, {@code ASIA}, {@code sk-or-v1-}. */
    String prefixOf(String key) {
        switch (this) {
            case ANTHROPIC:
            case ANTHROPIC_ADMIN: {
                int dash = key.indexOf('-', "sk-ant-".length());
                return dash > 0 && dash < 20 ? key.substring(0, dash + 1) : prefix;
            }
            case AWS_ACCESS_KEY:
                return key.length() >= 4 ? key.substring(0, 4) : prefix;
            case AWS_BEDROCK_API_KEY:
                return key.startsWith("bedrock-api-key-") ? "bedrock-api-key-" : prefix;
            case OPENROUTER:
                return key.startsWith("sk-or-v1-") ? "sk-or-v1-" : prefix;
            default:
                return prefix;
        }
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'f') || (c >= '0' && c <= '9'))) return false;
        }
        return true;
    }

    private static boolean isLowerAlnum(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
        }
        return true;
    }
}
