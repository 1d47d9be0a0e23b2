package dev.keywatch.agent.catalog;

import dev.keywatch.capture.HostMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which hosts are LLM providers, and which provider each is. Names are OpenTelemetry's
 * {@code gen_ai.provider.name} values. Hosts configured in {@code keywatch.providers} come first, so a
 * relay or gateway can claim a host and name its provider.
 *
 * <p>Deliberately absent: {@code *.azure-api.net} (Azure API Management fronts far more than Azure
 * OpenAI; add it through {@code keywatch.providers} when yours fronts an LLM).
 */
public final class ProviderCatalog implements HostMatcher {
    private static final Map<String, String> BUILT_IN = new LinkedHashMap<>();

    static {
        builtIn("openai", "api.openai.com", "*.api.openai.com");
        builtIn("azure.ai.openai", "*.openai.azure.com", "*.cognitiveservices.azure.com", "*.services.ai.azure.com");
        builtIn("anthropic", "api.anthropic.com");
        builtIn("gcp.gemini", "generativelanguage.googleapis.com");
        builtIn("gcp.vertex_ai", "aiplatform.googleapis.com", "*-aiplatform.googleapis.com",
                "aiplatform.*.rep.googleapis.com");
        builtIn("aws.bedrock", "bedrock-runtime.*.amazonaws.com", "bedrock-runtime-fips.*.amazonaws.com",
                "bedrock-runtime.*.amazonaws.com.cn", "bedrock-runtime.*.amazonaws.eu", "bedrock-mantle.*.api.aws");
        builtIn("mistral_ai", "api.mistral.ai", "codestral.mistral.ai");
        builtIn("cohere", "api.cohere.com", "api.cohere.ai");
        builtIn("groq", "api.groq.com");
        builtIn("deepseek", "api.deepseek.com");
        builtIn("openrouter", "openrouter.ai");
        builtIn("x_ai", "api.x.ai");
        builtIn("together_ai", "api.together.xyz", "api.together.ai");
        builtIn("fireworks_ai", "api.fireworks.ai");
        builtIn("perplexity", "api.perplexity.ai");
    }

    private final HostTable configured = new HostTable();
    private final HostTable builtIn = new HostTable();

    private ProviderCatalog() {
    }

    /** The built-in catalog, preceded by the configured hosts; bad entries are named and skipped. */
    public static ProviderCatalog create(Map<String, String> configured, Consumer<String> warn) {
        ProviderCatalog catalog = new ProviderCatalog();
        for (Map.Entry<String, String> e : configured.entrySet()) {
            try {
                catalog.configured.add(HostPattern.parse(e.getKey()), e.getValue().trim());
            } catch (RuntimeException ex) {
                warn.accept("invalid host '" + e.getKey() + "' in keywatch.providers (" + ex.getMessage()
                        + "); ignoring it");
            }
        }
        for (Map.Entry<String, String> e : BUILT_IN.entrySet()) {
            catalog.builtIn.add(HostPattern.parse(e.getKey()), e.getValue());
        }
        return catalog;
    }

    /** True for the providers Keywatch knows itself, as opposed to names given in {@code keywatch.providers}. */
    public static boolean isBuiltIn(String provider) {
        return BUILT_IN.containsValue(provider);
    }

    @Override
    public String providerFor(String host, int port) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = needsLowerCase(host) ? host.toLowerCase(Locale.ROOT) : host;
        String p = configured.lookup(h, port);
        return p != null ? p : builtIn.lookup(h, port);
    }

    /** Exact hosts in hash maps, wildcard patterns in order: a miss costs a few string comparisons. */
    private static final class HostTable {
        private final Map<String, String> exactAnyPort = new HashMap<>();
        private final Map<String, String> exactWithPort = new HashMap<>();
        private final List<HostPattern> patterns = new ArrayList<>();
        private final List<String> patternProviders = new ArrayList<>();

        void add(HostPattern pattern, String provider) {
            if (pattern.isExact() && pattern.port() < 0) {
                exactAnyPort.putIfAbsent(pattern.host(), provider);
            } else if (pattern.isExact()) {
                exactWithPort.putIfAbsent(pattern.host() + ':' + pattern.port(), provider);
            } else {
                patterns.add(pattern);
                patternProviders.add(provider);
            }
        }

        String lookup(String host, int port) {
            if (!exactWithPort.isEmpty()) {
                String p = exactWithPort.get(host + ':' + port);
                if (p != null) return p;
            }
            String p = exactAnyPort.get(host);
            if (p != null) {
                return p;
            }
            for (int i = 0; i < patterns.size(); i++) {
                if (patterns.get(i).matches(host, port)) {
                    return patternProviders.get(i);
                }
            }
            return null;
        }
    }

    private static boolean needsLowerCase(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c >= 'A' && c <= 'Z') return true;
        }
        return false;
    }

    private static void builtIn(String provider, String... hosts) {
        for (String h : hosts) {
            BUILT_IN.put(h, provider);
        }
    }
}
