package dev.keywatch.exporter.spans;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenAiRequestTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "/v1/chat/completions, chat, -, chat",
            "/v1/responses, chat, -, chat",
            "/v1/messages, chat, -, chat",
            "/v1/embeddings, embeddings, -, embeddings",
            "/v1/completions, text_completion, -, text_completion",
            "/v1beta/models/gemini-2.5-flash:generateContent, generate_content, gemini-2.5-flash, generate_content gemini-2.5-flash",
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent, generate_content, gemini-2.5-flash, generate_content gemini-2.5-flash",
            "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash:generateContent, generate_content, gemini-2.0-flash, generate_content gemini-2.0-flash",
            "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse, chat, anthropic.claude-3-5-sonnet-20240620-v1:0, chat anthropic.claude-3-5-sonnet-20240620-v1:0",
            "/model/amazon.titan-text-express-v1/invoke, text_completion, amazon.titan-text-express-v1, text_completion amazon.titan-text-express-v1",
            "/openai/deployments/gpt4o-prod/chat/completions, chat, gpt4o-prod, chat gpt4o-prod",
            "/v1/models, -, -, POST",
    })
    void theOperationAndModelThePathNames(String path, String operation, String model, String spanName) {
        GenAiRequest r = GenAiRequest.of(path);
        assertThat(r.operation).isEqualTo(operation);
        assertThat(r.model).isEqualTo(model);
        assertThat(r.spanName("POST")).isEqualTo(spanName);
    }
}
