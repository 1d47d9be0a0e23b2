package dev.keywatch.agent.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.ReducedCredential;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first four auth reasons: decided from what the client sent, because they name the fix. */
class ClientSideDiagnosisTest {
    private static final String OPENAI_401 =
            "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****. \",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
    private static final String OPENAI_NO_KEY =
            "{\"error\":{\"message\":\"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
    private static final String GEMINI_400 =
            "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}";

    private final Classifier classifier = new Classifier();

    private Reason classify(String provider, String path, int status, String body, ReducedCredential... credentials) {
        List<ReducedCredential> list = Arrays.asList(credentials);
        return classifier.classify(CapturedExchange.builder().client("test").provider(provider).host("h").port(443)
                .method("POST").path(path).status(status).headers(Collections.emptyMap()).body(body)
                .credentials(list).build()).reason();
    }

    private static ReducedCredential bearer(String value) {
        return TestKeys.REDUCER.reduceAuthorization(value);
    }

    @Test
    void noCredentialOrAPlaceholderIsAMissingKey() {
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_NO_KEY)).isEqualTo(Reason.MISSING_KEY);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer None")))
                .isEqualTo(Reason.MISSING_KEY);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer undefined")))
                .isEqualTo(Reason.MISSING_KEY);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer $OPENAI_API_KEY")))
                .isEqualTo(Reason.MISSING_KEY);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer ")))
                .isEqualTo(Reason.MISSING_KEY);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer sk-your-key-here")))
                .isEqualTo(Reason.MISSING_KEY);
    }

    @Test
    void damagedKeysAreMalformed() {
        String key = TestKeys.openAiProjectKey(40);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer \"" + key + "\"")))
                .isEqualTo(Reason.MALFORMED_KEY);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer Bearer " + key)))
                .isEqualTo(Reason.MALFORMED_KEY);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer " + key.substring(0, 60))))
                .isEqualTo(Reason.MALFORMED_KEY);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer sk-proj-\u2026Ab3d")))
                .isEqualTo(Reason.MALFORMED_KEY);
        // Gemini's ?key= is percent-decoded: an encoded newline reaches the provider.
        ReducedCredential query = TestKeys.REDUCER.reduceQuery("alt=sse&key=" + TestKeys.geminiKey(41) + "%0A");
        assertThat(classify("gcp.gemini", "/v1beta/models/gemini-2.5-flash:generateContent", 400, GEMINI_400, query))
                .isEqualTo(Reason.MALFORMED_KEY);
    }

    @Test
    void aKeyWhereTheProviderDoesNotReadItIsTheWrongScheme() {
        String key = TestKeys.openAiProjectKey(50);
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_NO_KEY,
                TestKeys.REDUCER.reduceHeader(CredentialLocation.X_API_KEY, key))).isEqualTo(Reason.WRONG_AUTH_SCHEME);
        // A Gemini key as a Bearer token on the native route.
        assertThat(classify("gcp.gemini", "/v1beta/models/gemini-2.5-flash:generateContent", 401, "{}",
                bearer("Bearer " + TestKeys.geminiKey(51)))).isEqualTo(Reason.WRONG_AUTH_SCHEME);
        // An Azure resource key as a Bearer token instead of api-key.
        assertThat(classify("azure.ai.openai", "/openai/deployments/gpt/chat/completions", 401, "{}",
                bearer("Bearer " + TestKeys.random(TestKeys.HEX, 32, 52)))).isEqualTo(Reason.WRONG_AUTH_SCHEME);
    }

    @Test
    void anthropicReadsBothXApiKeyAndBearer() {
        String key = TestKeys.anthropicKey(60);
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";
        assertThat(classify("anthropic", "/v1/messages", 401, body, bearer("Bearer " + key))).isEqualTo(Reason.INVALID_KEY);
        assertThat(classify("anthropic", "/v1/messages", 401, body,
                TestKeys.REDUCER.reduceHeader(CredentialLocation.X_API_KEY, key))).isEqualTo(Reason.INVALID_KEY);
        // And the Gemini key on the OpenAI-compatible route is read as a Bearer token.
        assertThat(classify("gcp.gemini", "/v1beta/openai/chat/completions", 400, GEMINI_400,
                bearer("Bearer " + TestKeys.geminiKey(61)))).isEqualTo(Reason.INVALID_KEY);
    }

    @Test
    void anotherProvidersKeyIsAMismatch() {
        assertThat(classify("openai", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer " + TestKeys.anthropicKey(70))))
                .isEqualTo(Reason.KEY_PROVIDER_MISMATCH);
        assertThat(classify("anthropic", "/v1/messages", 401, "{}",
                TestKeys.REDUCER.reduceHeader(CredentialLocation.X_API_KEY, TestKeys.openAiProjectKey(71))))
                .isEqualTo(Reason.KEY_PROVIDER_MISMATCH);
        // A relay of the user's own naming may take any key: no mismatch there.
        assertThat(classify("my-gateway", "/v1/chat/completions", 401, OPENAI_401, bearer("Bearer " + TestKeys.anthropicKey(72))))
                .isEqualTo(Reason.INVALID_KEY);
    }

    @Test
    void aDamagedKeyThatStillWorksIsOk() {
        assertThat(classify("openai", "/v1/chat/completions", 200, null, bearer("Bearer  " + TestKeys.openAiProjectKey(80) + " ")))
                .isEqualTo(Reason.OK);
    }

    @Test
    void noResponseIsATransportError() {
        Classification c = classifier.classify(CapturedExchange.builder().client("test").provider("openai")
                .host("api.openai.com").status(0).transportError("java.net.ConnectException").build());
        assertThat(c.reason()).isEqualTo(Reason.TRANSPORT_ERROR);
        assertThat(c.reason().category()).isEqualTo("transport");
    }
}
