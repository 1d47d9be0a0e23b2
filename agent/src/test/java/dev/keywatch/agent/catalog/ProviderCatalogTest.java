package dev.keywatch.agent.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderCatalogTest {
    @Test
    void knowsEveryProviderAndItsHostPatterns() {
        ProviderCatalog c = ProviderCatalog.create(new LinkedHashMap<>(), w -> { });
        assertThat(c.providerFor("api.openai.com", 443)).isEqualTo("openai");
        assertThat(c.providerFor("eu.api.openai.com", 443)).isEqualTo("openai");
        assertThat(c.providerFor("API.OpenAI.com", 443)).isEqualTo("openai");
        assertThat(c.providerFor("contoso.openai.azure.com", 443)).isEqualTo("azure.ai.openai");
        assertThat(c.providerFor("contoso.cognitiveservices.azure.com", 443)).isEqualTo("azure.ai.openai");
        assertThat(c.providerFor("api.anthropic.com", 443)).isEqualTo("anthropic");
        assertThat(c.providerFor("generativelanguage.googleapis.com", 443)).isEqualTo("gcp.gemini");
        assertThat(c.providerFor("us-central1-aiplatform.googleapis.com", 443)).isEqualTo("gcp.vertex_ai");
        assertThat(c.providerFor("aiplatform.eu.rep.googleapis.com", 443)).isEqualTo("gcp.vertex_ai");
        assertThat(c.providerFor("bedrock-runtime.eu-west-1.amazonaws.com", 443)).isEqualTo("aws.bedrock");
        assertThat(c.providerFor("bedrock-runtime-fips.us-east-1.amazonaws.com", 443)).isEqualTo("aws.bedrock");
        assertThat(c.providerFor("api.mistral.ai", 443)).isEqualTo("mistral_ai");
        assertThat(c.providerFor("api.cohere.com", 443)).isEqualTo("cohere");
        assertThat(c.providerFor("api.groq.com", 443)).isEqualTo("groq");
        assertThat(c.providerFor("api.deepseek.com", 443)).isEqualTo("deepseek");
        assertThat(c.providerFor("openrouter.ai", 443)).isEqualTo("openrouter");
        assertThat(c.providerFor("api.x.ai", 443)).isEqualTo("x_ai");
        assertThat(c.providerFor("api.together.xyz", 443)).isEqualTo("together_ai");
        assertThat(c.providerFor("api.fireworks.ai", 443)).isEqualTo("fireworks_ai");
        assertThat(c.providerFor("api.perplexity.ai", 443)).isEqualTo("perplexity");

        assertThat(c.providerFor("openai.com", 443)).isNull();
        assertThat(c.providerFor("s3.us-east-1.amazonaws.com", 443)).isNull();
        assertThat(c.providerFor("evil-api.openai.com.example.org", 443)).isNull();
        assertThat(c.providerFor("apim.azure-api.net", 443)).isNull();
        assertThat(c.providerFor(null, 443)).isNull();
    }

    @Test
    void configuredHostsComeFirstAndMayNameAPort() {
        Map<String, String> configured = new LinkedHashMap<>();
        configured.put("*.openai.com", "corp-gateway");
        configured.put("llm.internal:8443", "openai");
        configured.put("bad:port", "x");
        List<String> warnings = new ArrayList<>();
        ProviderCatalog c = ProviderCatalog.create(configured, warnings::add);
        assertThat(c.providerFor("api.openai.com", 443)).isEqualTo("corp-gateway");
        assertThat(c.providerFor("llm.internal", 8443)).isEqualTo("openai");
        assertThat(c.providerFor("llm.internal", 443)).isNull();
        assertThat(warnings).hasSize(1);
    }
}
