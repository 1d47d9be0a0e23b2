package dev.keywatch.agent.check;

import dev.keywatch.agent.catalog.ProviderCatalog;
import dev.keywatch.agent.check.KeyVariable.Auth;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The environment variables the providers' SDKs read keys from. */
public final class KeyVariables {
    private static final List<KeyVariable> ALL = Collections.unmodifiableList(Arrays.asList(
            new KeyVariable("OPENAI_API_KEY", "openai", "https://api.openai.com/v1", "/models", Auth.BEARER,
                    "OPENAI_BASE_URL"),
            new KeyVariable("AZURE_OPENAI_API_KEY", "azure.ai.openai", null, "/openai/models?api-version=2024-10-21",
                    Auth.API_KEY, "AZURE_OPENAI_ENDPOINT"),
            new KeyVariable("ANTHROPIC_API_KEY", "anthropic", "https://api.anthropic.com", "/v1/models", Auth.X_API_KEY,
                    "ANTHROPIC_BASE_URL"),
            new KeyVariable("GEMINI_API_KEY", "gcp.gemini", "https://generativelanguage.googleapis.com", "/v1beta/models",
                    Auth.X_GOOG_API_KEY, "GEMINI_BASE_URL", "GOOGLE_GEMINI_BASE_URL"),
            new KeyVariable("GOOGLE_API_KEY", "gcp.gemini", "https://generativelanguage.googleapis.com", "/v1beta/models",
                    Auth.X_GOOG_API_KEY, "GEMINI_BASE_URL", "GOOGLE_GEMINI_BASE_URL"),
            // Bedrock's key is checked offline only: listing models is another host and needs SigV4 or a region.
            new KeyVariable("AWS_BEARER_TOKEN_BEDROCK", "aws.bedrock", null, null, Auth.BEARER),
            new KeyVariable("MISTRAL_API_KEY", "mistral_ai", "https://api.mistral.ai/v1", "/models", Auth.BEARER,
                    "MISTRAL_BASE_URL"),
            new KeyVariable("COHERE_API_KEY", "cohere", "https://api.cohere.com/v1", "/models", Auth.BEARER,
                    "COHERE_BASE_URL"),
            new KeyVariable("CO_API_KEY", "cohere", "https://api.cohere.com/v1", "/models", Auth.BEARER,
                    "CO_API_URL", "COHERE_BASE_URL"),
            new KeyVariable("GROQ_API_KEY", "groq", "https://api.groq.com/openai/v1", "/models", Auth.BEARER,
                    "GROQ_BASE_URL"),
            new KeyVariable("DEEPSEEK_API_KEY", "deepseek", "https://api.deepseek.com", "/models", Auth.BEARER,
                    "DEEPSEEK_BASE_URL"),
            // OpenRouter lists models without a key; /key answers only with one.
            new KeyVariable("OPENROUTER_API_KEY", "openrouter", "https://openrouter.ai/api/v1", "/key", Auth.BEARER,
                    "OPENROUTER_BASE_URL"),
            new KeyVariable("XAI_API_KEY", "x_ai", "https://api.x.ai/v1", "/models", Auth.BEARER, "XAI_BASE_URL"),
            new KeyVariable("TOGETHER_API_KEY", "together_ai", "https://api.together.xyz/v1", "/models", Auth.BEARER,
                    "TOGETHER_BASE_URL"),
            new KeyVariable("FIREWORKS_API_KEY", "fireworks_ai", "https://api.fireworks.ai/inference/v1", "/models",
                    Auth.BEARER, "FIREWORKS_BASE_URL"),
            // Perplexity has no endpoint that authenticates without generating.
            new KeyVariable("PERPLEXITY_API_KEY", "perplexity", "https://api.perplexity.ai", null, Auth.BEARER,
                    "PERPLEXITY_BASE_URL"),
            new KeyVariable("PPLX_API_KEY", "perplexity", "https://api.perplexity.ai", null, Auth.BEARER,
                    "PERPLEXITY_BASE_URL")));

    private KeyVariables() {
    }

    public static List<KeyVariable> all() {
        return ALL;
    }

    /** The base URL the SDK will use: the first override that is set, else the default (may be null). */
    public static String baseUrl(KeyVariable variable, Map<String, String> environment) {
        for (String v : variable.baseUrlVariables()) {
            String value = environment.get(v);
            if (value != null && !value.trim().isEmpty()) {
                return value.trim();
            }
        }
        return variable.defaultBaseUrl();
    }

    /**
     * The provider the key will actually reach: the one whose host the base URL names, the variable's own
     * when it names no known provider's host (a relay may take any key), or null for no URL.
     */
    public static String targetProvider(KeyVariable variable, String baseUrl, ProviderCatalog catalog) {
        if (baseUrl == null) {
            return variable.provider();
        }
        try {
            URI uri = URI.create(baseUrl);
            return catalog.providerFor(uri.getHost(), uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
