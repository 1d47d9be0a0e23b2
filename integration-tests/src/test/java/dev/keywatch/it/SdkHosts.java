package dev.keywatch.it;

/** Host names the tests' certificate and hosts file carry besides the providers' public API hosts. */
final class SdkHosts {
    /** An Azure OpenAI resource, as the Azure path of an SDK addresses one. */
    static final String AZURE_OPENAI = "keywatch-test.openai.azure.com";
    /** Bedrock's runtime endpoint in the region the tests use. */
    static final String BEDROCK = "bedrock-runtime.us-east-1.amazonaws.com";

    private SdkHosts() {
    }
}
