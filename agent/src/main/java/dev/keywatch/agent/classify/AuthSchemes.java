package dev.keywatch.agent.classify;

import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.KeyKind;
import dev.keywatch.credential.ReducedCredential;

/** Where each provider reads its credential. Providers not named here are taken to read any of them. */
final class AuthSchemes {
    private AuthSchemes() {
    }

    /** True when the provider reads a credential sent that way. */
    static boolean accepts(String provider, ReducedCredential credential, String path) {
        CredentialLocation at = credential.location();
        switch (provider) {
            case "openai":
            case "mistral_ai":
            case "cohere":
            case "groq":
            case "deepseek":
            case "openrouter":
            case "x_ai":
            case "together_ai":
            case "fireworks_ai":
            case "perplexity":
                return at == CredentialLocation.AUTHORIZATION_BEARER;
            case "anthropic":
                // Anthropic reads both; its current Java SDK sends Bearer.
                return at == CredentialLocation.X_API_KEY || at == CredentialLocation.AUTHORIZATION_BEARER;
            case "azure.ai.openai":
                // A resource key goes in api-key; Bearer is for Entra ID tokens, never for a resource key.
                return at == CredentialLocation.API_KEY
                        || (at == CredentialLocation.AUTHORIZATION_BEARER && credential.kind() != KeyKind.AZURE);
            case "gcp.gemini":
                if (at == CredentialLocation.X_GOOG_API_KEY || at == CredentialLocation.QUERY_KEY) return true;
                // Bearer carries OAuth tokens, and AI Studio keys only on the OpenAI-compatible route.
                return at == CredentialLocation.AUTHORIZATION_BEARER
                        && (credential.kind() != KeyKind.GOOGLE || (path != null && path.contains("/openai/")));
            case "gcp.vertex_ai":
                return at == CredentialLocation.X_GOOG_API_KEY || at == CredentialLocation.QUERY_KEY
                        || (at == CredentialLocation.AUTHORIZATION_BEARER && credential.kind() != KeyKind.GOOGLE);
            case "aws.bedrock":
                return at == CredentialLocation.AUTHORIZATION_SIGV4 || at == CredentialLocation.AUTHORIZATION_BEARER;
            default:
                return true;
        }
    }
}
