package dev.keywatch.it;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * An application of one SDK as its documentation shows it, default base URL and all: one chat call per
 * line of the script ({@code name<TAB>key}), printing what the application saw. Retries are the SDK's
 * default unless {@code -Dsdk.retries=N}.
 */
public final class SdkProgram {
    public static void main(String[] args) throws Exception {
        String sdk = args[0];
        List<String> lines = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8);
        Integer retries = Integer.getInteger("sdk.retries");
        for (String line : lines) {
            if (line.isBlank()) continue;
            String[] parts = line.split("\t");
            System.out.println(parts[0] + " " + outcome(sdk, parts[1], retries));
        }
        System.out.println(ForkedJvm.READY);
        System.out.flush();
        System.in.read(); // the test scrapes the agent's metrics until it closes our stdin
    }

    static String outcome(String sdk, String key, Integer retries) {
        try {
            return call(sdk, key, retries);
        } catch (Exception e) {
            return "error=" + e.getClass().getSimpleName() + status(e);
        }
    }

    private static String call(String sdk, String key, Integer retries) {
        switch (sdk) {
            case "openai-java":
            case "openai-java-azure": {
                OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder();
                if (sdk.endsWith("azure")) {
                    builder.baseUrl("https://" + SdkHosts.AZURE_OPENAI)
                            .credential(AzureApiKeyCredential.create(key))
                            .azureServiceVersion(AzureOpenAIServiceVersion.latestStableVersion());
                } else {
                    builder.apiKey(key);
                }
                if (retries != null) builder.maxRetries(retries);
                OpenAIClient client = builder.build();
                try {
                    client.chat().completions().create(ChatCompletionCreateParams.builder()
                            .model("gpt-4o-mini").addUserMessage("hi").build());
                    return "ok";
                } finally {
                    client.close();
                }
            }
            case "anthropic-java": {
                AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder().apiKey(key);
                if (retries != null) builder.maxRetries(retries);
                AnthropicClient client = builder.build();
                try {
                    client.messages().create(MessageCreateParams.builder()
                            .model("claude-haiku-4-5").maxTokens(16).addUserMessage("hi").build());
                    return "ok";
                } finally {
                    client.close();
                }
            }
            case "google-genai": {
                com.google.genai.types.HttpOptions.Builder options = com.google.genai.types.HttpOptions.builder();
                if (retries != null) {
                    options.retryOptions(com.google.genai.types.HttpRetryOptions.builder().attempts(retries + 1));
                }
                try (com.google.genai.Client client = com.google.genai.Client.builder().apiKey(key)
                        .httpOptions(options.build()).build()) {
                    client.models.generateContent("gemini-2.5-flash", "hi", null);
                    return "ok";
                }
            }
            case "langchain4j-open-ai": {
                dev.langchain4j.model.openai.OpenAiChatModel.OpenAiChatModelBuilder builder =
                        dev.langchain4j.model.openai.OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o-mini");
                if (retries != null) builder.maxRetries(retries);
                builder.build().chat("hi");
                return "ok";
            }
            case "langchain4j-anthropic": {
                dev.langchain4j.model.anthropic.AnthropicChatModel.AnthropicChatModelBuilder builder =
                        dev.langchain4j.model.anthropic.AnthropicChatModel.builder().apiKey(key)
                                .modelName("claude-haiku-4-5");
                if (retries != null) builder.maxRetries(retries);
                builder.build().chat("hi");
                return "ok";
            }
            case "bedrockruntime": {
                software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder builder =
                        software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient.builder()
                                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key,
                                                secretAccessKey(key))));
                if (retries != null && retries == 0) {
                    builder.overrideConfiguration(o -> o.retryStrategy(
                            software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()));
                }
                try (software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient client = builder.build()) {
                    client.converse(r -> r.modelId("anthropic.claude-3-haiku-20240307-v1:0").messages(m -> m
                            .role(software.amazon.awssdk.services.bedrockruntime.model.ConversationRole.USER)
                            .content(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText("hi"))));
                    return "ok";
                }
            }
            default:
                throw new IllegalArgumentException(sdk);
        }
    }

    /** The secret that goes with a made-up access key id: it signs requests and never travels. */
    static String secretAccessKey(String accessKeyId) {
        return "wJalrXUtnFEMI/K7MDENG/" + new StringBuilder(accessKeyId).reverse() + "EXAMPLEKEY";
    }

    /** The HTTP status an SDK's service exception carries, by its {@code statusCode()} method. */
    private static String status(Exception e) {
        try {
            return " status=" + e.getClass().getMethod("statusCode").invoke(e);
        } catch (ReflectiveOperationException notAServiceException) {
            return "";
        }
    }
}
