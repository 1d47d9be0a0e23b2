package dev.keywatch.agent.classify;

import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.credential.ReducedCredential;
import java.util.Random;

/** Realistic, well-formed, fake keys of each provider, sent where that provider reads them. */
final class TestKeys {
    static final CredentialReducer REDUCER = new CredentialReducer("test-salt", true);

    private TestKeys() {
    }

    static String random(String alphabet, int length, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String HEX = "0123456789abcdef";

    static String openAiProjectKey(long seed) {
        return "sk-proj-" + random(ALNUM + "_-", 74, seed) + "T3BlbkFJ" + random(ALNUM + "_-", 74, seed + 1);
    }

    static String anthropicKey(long seed) {
        return "sk-ant-api03-" + random(ALNUM + "_-", 93, seed) + "AA";
    }

    static String geminiKey(long seed) {
        return "AIza" + random(ALNUM + "_-", 35, seed);
    }

    /** The well-formed credential of the fixture's provider, in the header that provider reads. */
    static ReducedCredential wellFormedFor(String provider) {
        switch (provider) {
            case "openai":
                return REDUCER.reduceAuthorization("Bearer " + openAiProjectKey(1));
            case "azure.ai.openai":
                return REDUCER.reduceHeader(CredentialLocation.API_KEY, random(HEX, 32, 2));
            case "anthropic":
                return REDUCER.reduceHeader(CredentialLocation.X_API_KEY, anthropicKey(3));
            case "gcp.gemini":
                return REDUCER.reduceHeader(CredentialLocation.X_GOOG_API_KEY, geminiKey(4));
            case "gcp.vertex_ai":
                return REDUCER.reduceAuthorization("Bearer ya29." + random(ALNUM + "_-", 120, 5));
            case "aws.bedrock":
                return REDUCER.reduceAuthorization("AWS4-HMAC-SHA256 Credential=AKIA" + random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 6)
                        + "/20261122/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature="
                        + random(HEX, 64, 7));
            case "mistral_ai":
                return REDUCER.reduceAuthorization("Bearer " + random(ALNUM, 32, 8));
            case "cohere":
                return REDUCER.reduceAuthorization("Bearer " + random(ALNUM, 40, 9));
            case "groq":
                return REDUCER.reduceAuthorization("Bearer gsk_" + random(ALNUM, 52, 10));
            case "deepseek":
                return REDUCER.reduceAuthorization("Bearer sk-" + random(HEX, 32, 11));
            case "openrouter":
                return REDUCER.reduceAuthorization("Bearer sk-or-v1-" + random(HEX, 64, 12));
            case "x_ai":
                return REDUCER.reduceAuthorization("Bearer xai-" + random(ALNUM, 80, 13));
            case "together_ai":
                return REDUCER.reduceAuthorization("Bearer tgp_v1_" + random(ALNUM + "_-", 43, 14));
            case "fireworks_ai":
                return REDUCER.reduceAuthorization("Bearer fw_" + random(ALNUM, 24, 15));
            case "perplexity":
                return REDUCER.reduceAuthorization("Bearer pplx-" + random(ALNUM, 48, 16));
            default:
                throw new IllegalArgumentException(provider);
        }
    }
}
