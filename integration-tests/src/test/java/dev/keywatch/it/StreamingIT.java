package dev.keywatch.it;

import static dev.keywatch.it.ClientsIT.fingerprint;
import static dev.keywatch.it.ClientsIT.openAiKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.demo.fake.FakeProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streamed chat completions ({@code text/event-stream}, chunked, a pause between chunks) through every
 * client: the application reads exactly the bytes it reads without the agent, each stream counts once with
 * its status, and an error that comes before the stream (a 401, a 429) is classified as any other.
 */
class StreamingIT {
    static final String VALID = openAiKey(31);
    static final String UNKNOWN = openAiKey(32);
    static final String BURST = openAiKey(33);
    static final List<String> STYLES = Arrays.asList("okhttp", "okhttp-async", "jdk-stream", "jdk-async",
            "huc-status-first", "apache4", "apache5", "apache5-async", "reactor-netty", "spring-webclient",
            "spring-restclient", "vertx", "vertx-webclient");

    static Path work;
    static FakeProvider fake;

    @BeforeAll
    static void startFakeProvider() throws Exception {
        work = ClientsIT.workDir("streaming");
        fake = new FakeProvider()
                .key(VALID, FakeProvider.Behaviour.VALID)
                .key(BURST, FakeProvider.Behaviour.RATE_LIMITED)
                .startHttps(new InetSocketAddress("127.0.0.1", 0), TestTls.create(ClientsIT.workDir("tls")).serverContext());
    }

    @AfterAll
    static void stopFakeProvider() {
        if (fake != null) fake.close();
    }

    static Stream<String> styles() {
        return STYLES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void streamsPassThroughAndCountOnce(String style) throws Exception {
        String url = "https://api.openai.com:" + fake.httpsPort() + "/v1/chat/completions";
        Path script = ScriptedCall.write(work.resolve("stream-" + style + ".tsv"),
                stream("stream-ok", url, VALID),
                stream("stream-ok-again", url, VALID),
                stream("stream-invalid-key", url, UNKNOWN),
                stream("stream-rate-limited", url, BURST));
        int attempts429 = ClientsIT.RETRIES_429.contains(style) ? 2 : 1;
        int exchanges = 3 + attempts429;
        Path jdk = Jdks.homes().get(0);
        String classPath = System.getProperty("java.class.path");

        fake.reset();
        ClientsIT.Run without = ClientsIT.runProgram(jdk, classPath, style, script, false, work, exchanges);
        fake.reset();
        ClientsIT.Run with = ClientsIT.runProgram(jdk, classPath, style, script, true, work, exchanges);

        int streamBytes = String.join("", FakeProvider.streamEvents()).getBytes(StandardCharsets.UTF_8).length;
        assertThat(without.transcript).as("the streams arrived, whole")
                .contains("stream-ok status=200 bytes=" + streamBytes + " ")
                .contains("stream-invalid-key status=401").contains("stream-rate-limited status=429");
        assertThat(with.transcript).as("what the application read, with the agent").isEqualTo(without.transcript);

        PrometheusText m = new PrometheusText(with.metrics);
        String responses = "keywatch_llm_responses_total";
        assertThat(m.sum(responses)).as(with.metrics).isEqualTo(exchanges);
        assertThat(m.sum(responses, "reason", "ok", "status", "200", "key", fingerprint(VALID))).isEqualTo(2);
        assertThat(m.sum(responses, "category", "auth", "reason", "invalid_key", "status", "401",
                "key", fingerprint(UNKNOWN))).isEqualTo(1);
        assertThat(m.sum(responses, "category", "rate_limit", "status", "429", "key", fingerprint(BURST)))
                .isEqualTo(attempts429);
        assertThat(m.sum("keywatch_agent_errors_total")).isZero();
        LeakScan.assertNoKeyMaterial("metrics", with.metrics, Arrays.asList(VALID, UNKNOWN, BURST));
    }

    private static ScriptedCall stream(String name, String url, String key) {
        return new ScriptedCall(name, url).header("Authorization", "Bearer " + key).header("Accept", "text/event-stream");
    }
}
