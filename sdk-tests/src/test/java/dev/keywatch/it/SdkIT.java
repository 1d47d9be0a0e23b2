package dev.keywatch.it;

import static dev.keywatch.it.ClientsIT.fingerprint;
import static dev.keywatch.it.ClientsIT.openAiKey;
import static dev.keywatch.it.ClientsIT.random;
import static dev.keywatch.it.ClientsIT.workDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.demo.fake.FakeProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The providers' own SDKs as applications use them: default base URLs (so the fake provider answers on
 * port 443 of the loopback under the real host names), TLS, the agent attached. Each SDK meets a working key,
 * a key that works once and is then revoked, an unknown key, a rate-limited key and a key without quota;
 * the scraped metrics must say exactly that. Retries are off where counts must be exact; one test keeps
 * the SDK's default retries and sees every retry as an exchange with its attempt number.
 */
class SdkIT {
    static Path work;
    static FakeProvider fake;
    static Keys openAi = new Keys(n -> openAiKey(40 + n));
    static Keys azure = new Keys(n -> random(32, 60 + n).toLowerCase().replaceAll("[^0-9a-f]", "a"));
    static Keys anthropic = new Keys(n -> "sk-ant-api03-" + random(93, 80 + n) + "AA");
    static Keys gemini = new Keys(n -> "AIza" + random(35, 100 + n));
    static Keys langchainOpenAi = new Keys(n -> openAiKey(120 + n));
    static Keys langchainAnthropic = new Keys(n -> "sk-ant-api03-" + random(93, 140 + n) + "AA");
    static Keys bedrock = new Keys(n -> "AKIA" + random(16, 160 + n).toUpperCase());

    /** The five keys each SDK meets. */
    static final class Keys {
        final String valid;
        final String rotated;
        final String unknown;
        final String burst;
        final String trial;

        Keys(java.util.function.IntFunction<String> key) {
            valid = key.apply(1);
            rotated = key.apply(2);
            unknown = key.apply(3);
            burst = key.apply(4);
            trial = key.apply(5);
        }

        List<String> all() {
            return Arrays.asList(valid, rotated, unknown, burst, trial);
        }
    }

    @BeforeAll
    static void startFakeProviderOn443() throws Exception {
        work = workDir("sdks");
        FakeProvider provider = new FakeProvider();
        for (Keys k : Arrays.asList(openAi, azure, anthropic, gemini, langchainOpenAi, langchainAnthropic,
                bedrock)) {
            provider.key(k.valid, FakeProvider.Behaviour.VALID)
                    .revokeAfter(k.rotated, 1)
                    .key(k.burst, FakeProvider.Behaviour.RATE_LIMITED)
                    .key(k.trial, FakeProvider.Behaviour.QUOTA_EXHAUSTED);
        }
        try {
            fake = provider.startHttps(new InetSocketAddress("127.0.0.1", 443),
                    TestTls.create(workDir("tls")).serverContext());
        } catch (IOException e) {
            Assumptions.abort("the SDKs' default base URLs need port 443 of the loopback (run as root): " + e);
        }
    }

    @AfterAll
    static void stopFakeProvider() {
        if (fake != null) fake.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "openai-java, okhttp, openai, api.openai.com, 401, 429, quota_exhausted",
            "openai-java-azure, okhttp, azure.ai.openai, " + SdkHosts.AZURE_OPENAI + ", 401, 429, quota_exhausted",
            // Anthropic says a credit balance is too low with a 400, not a 429.
            "anthropic-java, okhttp, anthropic, api.anthropic.com, 401, 400, quota_exhausted",
            // Gemini rejects a bad key with 400 API_KEY_INVALID.
            "google-genai, okhttp, gcp.gemini, generativelanguage.googleapis.com, 400, 429, quota_exhausted",
            "langchain4j-open-ai, jdk-httpclient, openai, api.openai.com, 401, 429, quota_exhausted",
            "langchain4j-anthropic, jdk-httpclient, anthropic, api.anthropic.com, 401, 400, quota_exhausted",
            // SigV4, fingerprinted by the access key id; an unknown key is a 403, and Bedrock, billed afterwards, has
            // no credit to run out of: its spent service quota is a 400 that clears with time, a rate limit.
            "bedrockruntime, apache-httpclient-5, aws.bedrock, " + SdkHosts.BEDROCK + ", 403, 400, rate_limited"})
    void everyReasonOfEverySdkIsCountedOnce(String sdk, String client, String provider, String host,
                                            String authStatus, String quotaStatus, String quotaReason) throws Exception {
        Keys keys = Map.of("openai-java", openAi, "openai-java-azure", azure, "anthropic-java", anthropic,
                "google-genai", gemini, "langchain4j-open-ai", langchainOpenAi, "langchain4j-anthropic",
                langchainAnthropic, "bedrockruntime", bedrock).get(sdk);
        Path script = script(sdk, "ok\t" + keys.valid, "rotated-works\t" + keys.rotated,
                "rotated-rejected\t" + keys.rotated, "invalid\t" + keys.unknown, "rate-limited\t" + keys.burst,
                "quota\t" + keys.trial);
        fake.reset();
        ClientsIT.Run run = run(sdk, script, 0, 6);
        String events = events(run);

        assertThat(run.transcript).startsWith("ok ok\nrotated-works ok\nrotated-rejected error=")
                .contains("invalid error=").contains("rate-limited error=").contains("quota error=");
        PrometheusText m = new PrometheusText(run.metrics);
        String responses = "keywatch_llm_responses_total";
        assertThat(m.sum(responses)).as(run.metrics).isEqualTo(6);
        assertThat(m.sum(responses, "provider", provider, "host", host)).isEqualTo(6);
        assertThat(m.sum(responses, "reason", "ok", "status", "200", "key", fingerprint(keys.valid))).isEqualTo(1);
        assertThat(m.sum(responses, "reason", "ok", "key", fingerprint(keys.rotated))).isEqualTo(1);
        assertThat(m.sum(responses, "reason", "revoked_key", "status", authStatus, "key", fingerprint(keys.rotated)))
                .isEqualTo(1);
        assertThat(m.sum(responses, "reason", "invalid_key", "status", authStatus, "key", fingerprint(keys.unknown)))
                .isEqualTo(1);
        assertThat(m.sum(responses, "reason", "rate_limited", "status", "429", "key", fingerprint(keys.burst)))
                .isEqualTo(1);
        assertThat(m.sum(responses, "reason", quotaReason, "status", quotaStatus, "key", fingerprint(keys.trial)))
                .isEqualTo(1);
        assertThat(m.sum("keywatch_agent_errors_total")).isZero();
        assertThat(events.split("\n")).as("the transport the SDK runs on").hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("\"client\":\"" + client + "\""));
        List<String> secrets = new ArrayList<>(keys.all());
        if (sdk.equals("bedrockruntime")) {
            keys.all().forEach(k -> secrets.add(SdkProgram.secretAccessKey(k)));
        }
        LeakScan.assertNoKeyMaterial("metrics", run.metrics, secrets);
        LeakScan.assertNoKeyMaterial("stderr", run.stderr, secrets);
        LeakScan.assertNoKeyMaterial("event log", events, secrets);
    }

    @Test
    void theSdksDefaultRetriesAreExchangesOfTheirOwnWithTheirAttemptNumber() throws Exception {
        Path script = script("retries", "rate-limited\t" + openAi.burst);
        fake.reset();
        ClientsIT.Run run = run("openai-java", script, null, 3);
        String events = events(run);

        assertThat(run.transcript).startsWith("rate-limited error=RateLimitException status=429");
        assertThat(fake.served()).as("the SDK's first try and its two retries").isEqualTo(3);
        PrometheusText m = new PrometheusText(run.metrics);
        assertThat(m.sum("keywatch_llm_responses_total", "reason", "rate_limited", "key", fingerprint(openAi.burst)))
                .isEqualTo(3);
        List<String> attempts = Arrays.stream(events.split("\n"))
                .map(line -> line.replaceAll(".*\"retry_attempt\":(\\d+).*", "$1")).collect(Collectors.toList());
        assertThat(attempts).as("X-Stainless-Retry-Count of each exchange\n" + events).containsExactly("0", "1", "2");
    }

    private static Path script(String name, String... lines) throws IOException {
        return Files.write(work.resolve(name + ".tsv"), Arrays.asList(lines), StandardCharsets.UTF_8);
    }

    private static ClientsIT.Run run(String sdk, Path script, Integer retries, int exchanges) throws Exception {
        List<String> options = retries == null ? List.of() : List.of("-Dsdk.retries=" + retries);
        return ClientsIT.runForked(Jdks.homes().get(0), System.getProperty("java.class.path"), work, options,
                work.resolve("events-" + sdk + "-" + script.getFileName() + ".jsonl"), exchanges, 120,
                SdkProgram.class.getName(), sdk, script.toString());
    }

    /** The event log of a run: a line a failed exchange, none when nothing failed. */
    private static String events(ClientsIT.Run run) throws IOException {
        return Files.exists(run.eventLog) ? Files.readString(run.eventLog, StandardCharsets.UTF_8) : "";
    }
}
