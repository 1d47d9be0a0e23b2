package dev.keywatch.it;

import static dev.keywatch.it.ClientsIT.ALL_KEYS;
import static dev.keywatch.it.ClientsIT.BURST;
import static dev.keywatch.it.ClientsIT.UNKNOWN;
import static dev.keywatch.it.ClientsIT.VALID;
import static dev.keywatch.it.ClientsIT.fingerprint;
import static dev.keywatch.it.ClientsIT.runForked;
import static dev.keywatch.it.ClientsIT.withoutJvmSharingNotice;
import static dev.keywatch.it.ClientsIT.workDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.demo.fake.FakeProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent bundles Byte Buddy, Micrometer and OpenTelemetry, and instruments OkHttp: an application with
 * its own, other versions of all four (Byte Buddy 1.12, Micrometer 1.9, OpenTelemetry 1.20, OkHttp 3.14,
 * from the client-versions module {@code app-libraries}) must work as it does without the agent, and the
 * agent as it does without them.
 */
class ApplicationLibrariesIT {
    static FakeProvider fake;
    static Path work;
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        work = workDir("app-libraries");
        fake = new FakeProvider()
                .key(VALID, FakeProvider.Behaviour.VALID)
                .key(BURST, FakeProvider.Behaviour.RATE_LIMITED)
                .startHttps(new InetSocketAddress("127.0.0.1", 0), TestTls.create(workDir("tls")).serverContext());
        String openAi = "https://api.openai.com:" + fake.httpsPort() + "/v1/chat/completions";
        script = ScriptedCall.write(work.resolve("calls.tsv"),
                new ScriptedCall("ok-1", openAi).header("Authorization", "Bearer " + VALID),
                new ScriptedCall("invalid", openAi).header("Authorization", "Bearer " + UNKNOWN),
                new ScriptedCall("rate-limited", openAi).header("Authorization", "Bearer " + BURST),
                new ScriptedCall("ok-2", openAi).header("Authorization", "Bearer " + VALID));
    }

    @AfterAll
    static void stop() {
        if (fake != null) fake.close();
    }

    static Stream<Path> jdks() {
        return Jdks.homes().stream();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void theApplicationsOwnByteBuddyMicrometerOpenTelemetryAndOkHttpWorkBesideTheAgent(Path jdk) throws Exception {
        String classPath = ClientsIT.clientClassPath("app-libraries");
        assertThat(classPath).contains("byte-buddy-1.12.19.jar").contains("micrometer-core-1.9.17.jar")
                .contains("opentelemetry-sdk-1.20.1.jar").contains("okhttp-3.14.9.jar");
        // Byte Buddy 1.12 predates Java 25: the application would run it with its experimental flag there.
        List<String> options = List.of("-Djdk.attach.allowAttachSelf=true", "-Dnet.bytebuddy.experimental=true");

        Path spansWithout = work.resolve("app-spans-without-" + jdk.getFileName() + ".txt");
        ClientsIT.Run without = runForked(jdk, classPath, work, options, null, 0, 120,
                OwnLibrariesProgram.class.getName(), script.toString(), spansWithout.toString());

        try (OtlpReceiver receiver = OtlpReceiver.http()) {
            List<String> withSpans = List.of("-Djdk.attach.allowAttachSelf=true", "-Dnet.bytebuddy.experimental=true",
                    "-Dotel.exporter.otlp.endpoint=" + receiver.endpoint(), "-Dotel.bsp.schedule.delay=100");
            Path spansWith = work.resolve("app-spans-with-" + jdk.getFileName() + ".txt");
            ClientsIT.Run with = runForked(jdk, classPath, work, withSpans,
                    work.resolve("events-" + jdk.getFileName() + ".jsonl"),
                    m -> m.sum("keywatch_llm_responses_total") >= 4
                            && receiver.spans(OtlpReceiver.Received::fromKeywatch).size() >= 2,
                    120, OwnLibrariesProgram.class.getName(), script.toString(), spansWith.toString());

            assertThat(without.transcript).contains("own-byte-buddy made by the application's Byte Buddy from byte-buddy-1.12.19.jar")
                    .contains("ok-1 status=200").contains("invalid status=401").contains("rate-limited status=429")
                    .contains("own-advice-saw 4 calls")
                    .contains("app.llm.calls[tag(outcome=status=200)]=2.0")
                    .contains("own-spans [handle ok-1, handle invalid, handle rate-limited, handle ok-2]");
            assertThat(with.transcript).as("what the application and its own libraries did, with the agent")
                    .isEqualTo(without.transcript);
            assertThat(withoutJvmSharingNotice(with.stderr)).isEqualTo(without.stderr);

            // The agent, beside them: every exchange counted through OkHttp 3.14, after the application's
            // Byte Buddy retransformed the class the agent had woven.
            PrometheusText m = new PrometheusText(with.metrics);
            assertThat(m.sum("keywatch_llm_responses_total")).as(with.metrics).isEqualTo(4);
            assertThat(m.sum("keywatch_llm_responses_total", "reason", "ok", "key", fingerprint(VALID))).isEqualTo(2);
            assertThat(m.sum("keywatch_llm_responses_total", "reason", "invalid_key", "key", fingerprint(UNKNOWN)))
                    .isEqualTo(1);
            assertThat(m.sum("keywatch_llm_responses_total", "reason", "rate_limited")).isEqualTo(1);
            assertThat(m.sum("keywatch_agent_errors_total")).isZero();
            assertThat(with.metrics).doesNotContain("app_llm_calls");

            // Its spans are children of the application's, read through the application's OpenTelemetry 1.20.
            Map<String, String[]> appSpans = new HashMap<>();
            for (String line : Files.readAllLines(spansWith, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                appSpans.put(parts[0], new String[] {parts[1], parts[2]});
            }
            List<OtlpReceiver.Received> spans = receiver.spans(OtlpReceiver.Received::fromKeywatch);
            assertThat(spans).hasSize(2).allSatisfy(s -> {
                String call = "unknown";
                for (Map.Entry<String, String[]> e : appSpans.entrySet()) {
                    if (e.getValue()[0].equals(s.traceId)) call = e.getKey();
                }
                assertThat(call).as("the application's trace of " + s).isIn("invalid", "rate-limited");
                assertThat(s.parentSpanId).isEqualTo(appSpans.get(call)[1]);
            });
            assertThat(receiver.spans()).as("the application's own spans stay its own").hasSize(2);

            LeakScan.assertNoKeyMaterial("stderr", with.stderr, ALL_KEYS);
            LeakScan.assertNoKeyMaterial("metrics", with.metrics, ALL_KEYS);
            LeakScan.assertNoKeyMaterial("event log",
                    String.join("\n", Files.readAllLines(with.eventLog, StandardCharsets.UTF_8)), ALL_KEYS);
        }
    }
}
