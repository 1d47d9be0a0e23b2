package dev.keywatch.agent.cli;

import dev.keywatch.agent.check.KeyVariable;
import dev.keywatch.agent.classify.Classification;
import dev.keywatch.agent.classify.Classifier;
import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.capture.ResponseHeaders;
import dev.keywatch.credential.CredentialLocation;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.credential.ReducedCredential;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One authenticated request that spends no tokens (list models), classified by the agent's own
 * classifier, so doctor and the agent never disagree on a reason.
 */
final class OnlineCheck {
    /** What one check found. */
    static final class Result {
        final int status;
        final Classification classification;
        final long latencyMillis;
        final String error;

        Result(int status, Classification classification, long latencyMillis, String error) {
            this.status = status;
            this.classification = classification;
            this.latencyMillis = latencyMillis;
            this.error = error;
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final CredentialReducer reducer;
    private final Classifier classifier = new Classifier();

    OnlineCheck(Duration timeout, CredentialReducer reducer) {
        this.timeout = timeout;
        this.reducer = reducer;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Result check(KeyVariable variable, String provider, String baseUrl, String key, Map<String, String> env) {
        URI uri = URI.create(stripSlash(baseUrl) + variable.checkPath());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "keywatch-doctor");
        String headerValue;
        CredentialLocation location;
        switch (variable.auth()) {
            case X_API_KEY:
                headerValue = key;
                location = CredentialLocation.X_API_KEY;
                request.header("x-api-key", key).header("anthropic-version", "2023-06-01");
                break;
            case API_KEY:
                headerValue = key;
                location = CredentialLocation.API_KEY;
                request.header("api-key", key);
                break;
            case X_GOOG_API_KEY:
                headerValue = key;
                location = CredentialLocation.X_GOOG_API_KEY;
                request.header("x-goog-api-key", key);
                break;
            default:
                headerValue = "Bearer " + key;
                location = CredentialLocation.AUTHORIZATION_BEARER;
                request.header("Authorization", headerValue);
        }
        if ("openai".equals(variable.provider())) {
            // What the SDKs send from the environment, so that a wrong org or project shows here too.
            if (env.get("OPENAI_ORG_ID") != null) request.header("OpenAI-Organization", env.get("OPENAI_ORG_ID").trim());
            if (env.get("OPENAI_PROJECT_ID") != null) request.header("OpenAI-Project", env.get("OPENAI_PROJECT_ID").trim());
        }
        ReducedCredential credential = location == CredentialLocation.AUTHORIZATION_BEARER
                ? reducer.reduceAuthorization(headerValue) : reducer.reduceHeader(location, headerValue);
        List<ReducedCredential> credentials = Collections.singletonList(credential);
        CapturedExchange.Builder exchange = CapturedExchange.builder().client("doctor").provider(provider)
                .host(uri.getHost()).port(uri.getPort()).method("GET").path(uri.getRawPath()).credentials(credentials);
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<String, String> headers = new HashMap<>();
            response.headers().map().forEach((name, values) -> {
                String kept = ResponseHeaders.keptName(name);
                if (kept != null && !values.isEmpty()) headers.putIfAbsent(kept, values.get(0));
            });
            byte[] body = response.body();
            String text = response.statusCode() >= 400
                    ? new String(body, 0, Math.min(body.length, 8192), StandardCharsets.UTF_8) : null;
            Classification c = classifier.classify(exchange.status(response.statusCode()).headers(headers).body(text)
                    .durationNanos(millis * 1_000_000).build());
            return new Result(response.statusCode(), c, millis, null);
        } catch (IOException e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            Classification c = classifier.classify(exchange.status(0).transportError(e.getClass().getName()).build());
            return new Result(0, c, millis, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, null, 0, "interrupted");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
