package dev.keywatch.exporter.spans;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What the request path says about a GenAI call: the operation, and the model where the path names it
 * (Gemini, Vertex AI, Bedrock, Azure deployments). OpenAI-style APIs name the model in the body, which
 * Keywatch does not read, so there it stays unknown.
 */
final class GenAiRequest {
    final String operation;
    final String model;

    private GenAiRequest(String operation, String model) {
        this.operation = operation;
        this.model = model;
    }

    static GenAiRequest of(String path) {
        if (path == null) {
            return new GenAiRequest(null, null);
        }
        String model = null;
        String action = null;
        int models = path.indexOf("/models/");
        if (models >= 0) { // Gemini and Vertex AI: …/models/gemini-2.5-flash:generateContent
            String rest = path.substring(models + "/models/".length());
            int colon = rest.indexOf(':');
            if (colon > 0 && rest.indexOf('/') < 0) {
                model = rest.substring(0, colon);
                action = rest.substring(colon + 1);
            }
        }
        int bedrock = path.indexOf("/model/");
        if (model == null && bedrock >= 0) { // Bedrock: /model/{modelId}/converse
            String rest = path.substring(bedrock + "/model/".length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                model = decode(rest.substring(0, slash));
                action = rest.substring(slash + 1);
            }
        }
        int deployments = path.indexOf("/deployments/");
        if (model == null && deployments >= 0) { // Azure OpenAI: /openai/deployments/{deployment}/chat/completions
            String rest = path.substring(deployments + "/deployments/".length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                model = decode(rest.substring(0, slash));
            }
        }
        return new GenAiRequest(operation(action != null ? action : path), model);
    }

    /** The span name the GenAI conventions give: {@code {operation} {model}}, or less where less is known. */
    String spanName(String method) {
        if (operation == null) {
            return method == null ? "HTTP" : method;
        }
        return model == null ? operation : operation + " " + model;
    }

    private static String operation(String action) {
        if (action.startsWith("generateContent") || action.startsWith("streamGenerateContent")) {
            return "generate_content";
        }
        if (action.startsWith("embedContent") || action.startsWith("batchEmbedContents") || action.endsWith("/embeddings")) {
            return "embeddings";
        }
        if (action.endsWith("/chat/completions") || action.endsWith("/messages") || action.endsWith("/responses")
                || action.startsWith("converse") || action.endsWith("/chat")) {
            return "chat";
        }
        if (action.endsWith("/completions") || action.startsWith("invoke")) {
            return "text_completion";
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8.name());
        } catch (java.io.UnsupportedEncodingException | IllegalArgumentException e) {
            return s;
        }
    }
}
