package dev.keywatch.instrumentation.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.credential.ReducedCredential;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDK client's sent request, as the reporting thread reads it. */
class JdkHttpClientCaptureTest {
    private final List<CapturedExchange> reported = new ArrayList<>();
    private final CredentialReducer reducer = new CredentialReducer(null, true);
    private final CaptureSettings settings = new CaptureSettings((host, port) -> "openai", reducer, reported::add,
            (c, e) -> { throw new AssertionError(c, e); }, 8192, 1000, client -> null);
    private final JdkHttpClientCapture capture = new JdkHttpClientCapture(settings);

    @Test
    void readsEveryCredentialHeaderAndTheRetryCountWhateverTheirCase() throws Throwable {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.openai.com/v1/chat/completions?key=AIzaQuery"))
                .header("content-type", "application/json")
                .header("AUTHORIZATION", "Bearer sk-first")
                .header("X-Api-Key", "sk-ant-second")
                .header("Api-Key", "azure-third")
                .header("X-GOOG-API-KEY", "AIzaFourth")
                .header("X-Stainless-Retry-Count", "2")
                .header("X-Request-Id", "req-1")
                .POST(HttpRequest.BodyPublishers.noBody()).build();

        CapturedExchange exchange = reportedSuccess(request);

        assertThat(exchange.method()).isEqualTo("POST");
        assertThat(exchange.path()).isEqualTo("/v1/chat/completions");
        assertThat(exchange.retryAttempt()).isEqualTo(2);
        assertThat(exchange.credentials()).extracting(ReducedCredential::location).containsExactly(
                CredentialLocation.AUTHORIZATION_BEARER, CredentialLocation.X_API_KEY, CredentialLocation.API_KEY,
                CredentialLocation.X_GOOG_API_KEY, CredentialLocation.QUERY_KEY);
        assertThat(exchange.credentials()).extracting(ReducedCredential::fingerprint).containsExactly(
                reducer.reduceAuthorization("Bearer sk-first").fingerprint(),
                reducer.reduceHeader(CredentialLocation.X_API_KEY, "sk-ant-second").fingerprint(),
                reducer.reduceHeader(CredentialLocation.API_KEY, "azure-third").fingerprint(),
                reducer.reduceHeader(CredentialLocation.X_GOOG_API_KEY, "AIzaFourth").fingerprint(),
                reducer.reduceQuery("key=AIzaQuery").fingerprint());
    }

    @Test
    void takesTheFirstOfSeveralValuesAndNothingFromOtherHeaders() throws Throwable {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.openai.com/v1/models"))
                .header("Authorization", "Bearer sk-first").header("authorization", "Bearer sk-second")
                // Same lengths as the headers read, other names.
                .header("Authorisation", "Bearer sk-spelled-otherwise").header("x-api-kez", "sk-nine")
                .header("x-stainless-retry-countx", "7").GET().build();

        CapturedExchange exchange = reportedSuccess(request);

        assertThat(exchange.credentials()).hasSize(1);
        assertThat(exchange.credentials().get(0).fingerprint())
                .isEqualTo(reducer.reduceAuthorization("Bearer sk-first").fingerprint());
        assertThat(exchange.retryAttempt()).as("no retry count sent").isEqualTo(-1);
    }

    @Test
    void aRequestWithoutHeadersHasNoCredentials() throws Throwable {
        CapturedExchange exchange = reportedSuccess(HttpRequest.newBuilder(URI.create("https://api.openai.com/v1/models"))
                .GET().build());
        assertThat(exchange.credentials()).isEmpty();
        assertThat(exchange.retryAttempt()).isEqualTo(-1);
    }

    private CapturedExchange reportedSuccess(HttpRequest request) throws Throwable {
        PendingExchange pending = (PendingExchange) capture.start(request);
        pending.onResponse(200, Collections.emptyMap());
        pending.responseFinished();
        assertThat(reported).hasSize(1);
        return reported.get(0).completed();
    }
}
