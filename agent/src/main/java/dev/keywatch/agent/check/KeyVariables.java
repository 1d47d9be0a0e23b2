package dev.keywatch.agent.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment variables the providers' SDKs read keys from, and the provider each belongs to. */
public final class KeyVariables {
    private static final Map<String, String> PROVIDERS = new LinkedHashMap<>();

    static {
        PROVIDERS.put("OPENAI_API_KEY", "openai");
        PROVIDERS.put("AZURE_OPENAI_API_KEY", "azure.ai.openai");
        PROVIDERS.put("ANTHROPIC_API_KEY", "anthropic");
        PROVIDERS.put("GEMINI_API_KEY", "gcp.gemini");
        PROVIDERS.put("GOOGLE_API_KEY", "gcp.gemini");
        PROVIDERS.put("AWS_BEARER_TOKEN_BEDROCK", "aws.bedrock");
        PROVIDERS.put("MISTRAL_API_KEY", "mistral_ai");
        PROVIDERS.put("COHERE_API_KEY", "cohere");
        PROVIDERS.put("CO_API_KEY", "cohere");
        PROVIDERS.put("GROQ_API_KEY", "groq");
        PROVIDERS.put("DEEPSEEK_API_KEY", "deepseek");
        PROVIDERS.put("OPENROUTER_API_KEY", "openrouter");
        PROVIDERS.put("XAI_API_KEY", "x_ai");
        PROVIDERS.put("TOGETHER_API_KEY", "together_ai");
        PROVIDERS.put("FIREWORKS_API_KEY", "fireworks_ai");
        PROVIDERS.put("PERPLEXITY_API_KEY", "perplexity");
        PROVIDERS.put("PPLX_API_KEY", "perplexity");
    }

    private KeyVariables() {
    }

    /** Variable name to provider, in a stable order. */
    public static Map<String, String> all() {
        return Collections.unmodifiableMap(PROVIDERS);
    }
}
