package dev.keywatch.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.agent.catalog.ProviderCatalog;
import dev.keywatch.credential.CredentialReducer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnvironmentCheckTest {
    private static final String OPENAI = "sk-proj-" + "a1B2c3D4e5".repeat(7) + "abcd" + "T3BlbkFJ" + "Z9y8X7w6V5".repeat(7) + "wxyz";
    private static final String ANTHROPIC = "sk-ant-api03-" + "Qq1Ww2Ee3R".repeat(9) + "abc" + "AA";

    private final EnvironmentCheck check = new EnvironmentCheck(new CredentialReducer(null, true),
            ProviderCatalog.create(java.util.Collections.emptyMap(), w -> { }));

    private List<String> findings(Map<String, String> env) {
        return check.check(env).stream().map(f -> f.variable() + ":" + f.finding()).collect(Collectors.toList());
    }

    @Test
    void aCleanEnvironmentHasNoFindings() {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", OPENAI);
        env.put("ANTHROPIC_API_KEY", ANTHROPIC);
        env.put("PATH", "/usr/bin");
        assertThat(check.check(env)).isEmpty();
    }

    @Test
    void findsWhatTheGuidesTellPeopleToCheckByHand() {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", OPENAI + "\n");
        env.put("ANTHROPIC_API_KEY", "\"" + ANTHROPIC + "\"");
        env.put("GEMINI_API_KEY", "");
        env.put("GROQ_API_KEY", "${GROQ_API_KEY}");
        env.put("MISTRAL_API_KEY", OPENAI);
        env.put("XAI_API_KEY", "xai-****abcd");
        assertThat(findings(env)).containsExactlyInAnyOrder(
                "OPENAI_API_KEY:newline",
                "ANTHROPIC_API_KEY:quotes",
                "GEMINI_API_KEY:empty",
                "GROQ_API_KEY:placeholder",
                "MISTRAL_API_KEY:wrong_provider",
                "XAI_API_KEY:masked");
    }

    @Test
    void judgesAKeyByTheProviderItsBaseUrlReaches() {
        String openRouter = "sk-or-v1-" + "0123456789abcdef".repeat(4);
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", openRouter);
        env.put("OPENAI_BASE_URL", "https://openrouter.ai/api/v1");
        assertThat(check.check(env)).as("an OpenRouter key sent to OpenRouter").isEmpty();
        env.put("OPENAI_BASE_URL", "https://llm-gateway.internal/v1");
        assertThat(check.check(env)).as("a relay of unknown kind may take any key").isEmpty();
        env.put("OPENAI_BASE_URL", "https://api.openai.com/v1");
        assertThat(findings(env)).containsExactly("OPENAI_API_KEY:wrong_provider");
        env.put("OPENAI_API_KEY", OPENAI);
        env.put("OPENAI_BASE_URL", "https://api.anthropic.com");
        assertThat(check.check(env).get(0).describe()).endsWith("wrong_provider (the value is a key of kind "
                + "openai-project, sent to anthropic)");
    }

    @Test
    void describesAFindingWithoutTheKey() {
        KeyFinding f = check.check("OPENAI_API_KEY", "openai", "openai", ANTHROPIC + " ").get(0);
        assertThat(f.describe()).startsWith("OPENAI_API_KEY (openai, kf_").contains("sk-ant-api03-\u2026bcAA")
                .endsWith("): trailing_whitespace");
        KeyFinding wrong = check.check("OPENAI_API_KEY", "openai", "openai", ANTHROPIC).get(0);
        assertThat(wrong.describe()).endsWith("): wrong_provider (the value is a key of kind anthropic)");
        String secret = ANTHROPIC.substring("sk-ant-api03-".length(), ANTHROPIC.length() - 4);
        for (int i = 0; i + 8 <= secret.length(); i++) {
            assertThat(f.describe() + wrong.describe()).doesNotContain(secret.substring(i, i + 8));
        }
    }
}
