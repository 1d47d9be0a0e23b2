package dev.keywatch.it;

import static dev.keywatch.it.ClientsIT.agentJar;
import static dev.keywatch.it.ClientsIT.freePort;
import static dev.keywatch.it.ClientsIT.openAiKey;
import static dev.keywatch.it.ClientsIT.random;
import static dev.keywatch.it.ClientsIT.scrapeUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.demo.fake.FakeProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keywatch and the real OpenTelemetry Java agent in one JVM, in both orders on the command line. The
 * application's calls must be what they are with no agent; Keywatch must count what it counts alone;
 * the OpenTelemetry agent must export the spans it exports alone; each Keywatch span must sit under the
 * span the OpenTelemetry agent made around the application's handler. The collector's address is declared
 * an LLM host, so that counting either agent's OTLP exports would show.
 */
class OtelAgentCoexistenceIT {
    static final String VALID = openAiKey(21);
    static final String UNKNOWN = openAiKey(22);
    static final String BURST = openAiKey(23);
    static final String TRIAL = openAiKey(24);
    static final String GEMINI_UNKNOWN = "AIza" + random(35, 25);
    static final List<String> KEYS = Arrays.asList(VALID, UNKNOWN, BURST, TRIAL, GEMINI_UNKNOWN);
    static final List<String> CLIENTS = Arrays.asList("okhttp", "jdk-string");
    static final int CALLS = 10;
    static final int FAILURES = 8;

    static Path work;
    static TestTls tls;
    static FakeProvider fake;
    static Path hosts;
    static Path script;
    static OtlpReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        work = ClientsIT.workDir("coexistence");
        tls = TestTls.create(ClientsIT.workDir("tls"));
        fake = new FakeProvider()
                .key(VALID, FakeProvider.Behaviour.VALID)
                .key(BURST, FakeProvider.Behaviour.RATE_LIMITED)
                .key(TRIAL, FakeProvider.Behaviour.QUOTA_EXHAUSTED)
                .startHttps(new InetSocketAddress("127.0.0.1", 0), tls.serverContext());
        hosts = TestTls.writeHostsFile(work.resolve("hosts"));
        receiver = OtlpReceiver.http();
        String openAi = "https://api.openai.com:" + fake.httpsPort() + "/v1/chat/completions";
        String gemini = "https://generativelanguage.googleapis.com:" + fake.httpsPort()
                + "/v1beta/models/gemini-2.5-flash:generateContent?key=" + GEMINI_UNKNOWN;
        script = ScriptedCall.write(work.resolve("calls.tsv"),
                new ScriptedCall("ok", openAi).header("Authorization", "Bearer " + VALID),
                new ScriptedCall("invalid", openAi).header("Authorization", "Bearer " + UNKNOWN),
                new ScriptedCall("rate-limited", openAi).header("Authorization", "Bearer " + BURST),
                new ScriptedCall("quota", openAi).header("Authorization", "Bearer " + TRIAL),
                new ScriptedCall("gemini", gemini));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fake != null) fake.close();
        if (receiver != null) receiver.close();
    }

    static List<Path> jdks() {
        return Jdks.homes();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("jdks")
    void neitherAgentChangesTheOtherNorTheApplication(Path jdk) throws Exception {
        Run alone = run(jdk, false, false, false);
        Run keywatch = run(jdk, true, false, false);
        Run otel = run(jdk, false, true, false);
        Run keywatchFirst = run(jdk, true, true, false);
        Run otelFirst = run(jdk, true, true, true);

        assertThat(alone.transcript.split("\n")).hasSize(CALLS);
        for (Run r : Arrays.asList(keywatch, otel, keywatchFirst, otelFirst)) {
            assertThat(r.transcript).as("what the application saw, " + r.name).isEqualTo(alone.transcript);
            assertThat(r.stderr).as("stderr, " + r.name).doesNotContain("Exception").doesNotContain("[keywatch]");
        }

        assertThat(keywatch.responsesTotal).as("LLM calls counted, OTLP exports not").isEqualTo(CALLS);
        for (Run r : Arrays.asList(keywatchFirst, otelFirst)) {
            assertThat(r.responses).as("Keywatch's counts, " + r.name).isEqualTo(keywatch.responses);
            assertThat(r.agentErrors).as("errors Keywatch swallowed, " + r.name).isZero();
        }

        assertThat(otel.otelSpans).as("the OpenTelemetry agent's client and handler spans")
                .anyMatch(s -> s.startsWith("io.opentelemetry.okhttp"))
                .anyMatch(s -> s.startsWith("io.opentelemetry.java-http-client"))
                .anyMatch(s -> s.startsWith("io.opentelemetry.methods"));
        for (Run r : Arrays.asList(keywatchFirst, otelFirst)) {
            assertThat(r.otelSpans).as("the OpenTelemetry agent's spans, " + r.name).isEqualTo(otel.otelSpans);
            assertThat(r.keywatchSpans).as("Keywatch's spans, " + r.name).hasSize(FAILURES);
            LeakScan.assertNoKeyMaterial("Keywatch's spans, " + r.name, r.keywatchSpans.stream()
                    .map(OtlpReceiver.Received::text).collect(Collectors.joining("\n")), KEYS);
            for (OtlpReceiver.Received s : r.keywatchSpans) {
                // The span active when the exchange began is its parent: for OkHttp the handler's (the
                // OpenTelemetry agent opens its own client span later, in an interceptor); for the JDK client
                // the OpenTelemetry agent's client span, opened in HttpClient.send, under the handler's.
                OtlpReceiver.Received parent = r.otelReceived.stream().filter(o -> o.spanId.equals(s.parentSpanId))
                        .findFirst().orElseThrow(() -> new AssertionError("no parent of " + s + ", " + r.name));
                assertThat(parent.traceId).isEqualTo(s.traceId);
                if (s.attribute("keywatch.client").equals("okhttp")) {
                    assertThat(parent.scope).as("parent of " + s).startsWith("io.opentelemetry.methods");
                } else {
                    assertThat(parent.scope).as("parent of " + s).startsWith("io.opentelemetry.java-http-client");
                    assertThat(r.handlerSpans).as("the handler over " + parent)
                            .anyMatch(h -> h.spanId.equals(parent.parentSpanId) && h.traceId.equals(s.traceId));
                }
            }
        }
        assertThat(keywatch.keywatchSpans).as("Keywatch alone: no application span to sit under").hasSize(FAILURES)
                .allSatisfy(s -> assertThat(s.parentSpanId).isEmpty());
    }

    static final class Run {
        String name;
        String transcript;
        String stderr;
        List<String> responses = new ArrayList<>();
        double responsesTotal;
        double agentErrors;
        List<String> otelSpans = new ArrayList<>();
        List<OtlpReceiver.Received> keywatchSpans = new ArrayList<>();
        List<OtlpReceiver.Received> handlerSpans = new ArrayList<>();
        List<OtlpReceiver.Received> otelReceived = new ArrayList<>();
    }

    private Run run(Path jdk, boolean keywatch, boolean otel, boolean otelFirst) throws Exception {
        fake.reset();
        receiver.reset();
        Run run = new Run();
        run.name = (keywatch ? "keywatch" : "") + (keywatch && otel ? (otelFirst ? " after " : " before ") : "")
                + (otel ? "opentelemetry" : "") + (keywatch || otel ? "" : "no agent");
        List<String> options = tls.clientOptions(hosts);
        int port = freePort();
        String keywatchAgent = "-javaagent:" + agentJar() + "=prometheus.port=" + port + ",prometheus.host=127.0.0.1"
                + ",log=" + work.resolve("events-" + run.name.replace(' ', '-') + ".jsonl")
                + ",providers=127.0.0.1:" + receiver.port() + "=openai";
        String otelAgent = "-javaagent:" + Paths.get(System.getProperty("keywatch.it.otel.agent",
                "target/agents/opentelemetry-javaagent.jar")).toAbsolutePath();
        if (otel && otelFirst) options.add(otelAgent);
        if (keywatch) options.add(keywatchAgent);
        if (otel && !otelFirst) options.add(otelAgent);

        Map<String, String> env = new HashMap<>();
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        env.put("OTEL_SERVICE_NAME", "coexistence");
        env.put("OTEL_METRICS_EXPORTER", "none");
        env.put("OTEL_LOGS_EXPORTER", "none");
        env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
        env.put("OTEL_INSTRUMENTATION_METHODS_INCLUDE", TracedProgram.class.getName() + "[handle]");
        try (ForkedJvm jvm = ForkedJvm.start(jdk, System.getProperty("java.class.path"), env, options,
                TracedProgram.class.getName(), "none", String.join(",", CLIENTS), script.toString())) {
            jvm.awaitReady(120);
            if (keywatch) {
                PrometheusText m = new PrometheusText(scrapeUntil(port, CALLS));
                run.responses = m.samples("keywatch_llm_responses_total").stream().map(Object::toString).sorted()
                        .collect(Collectors.toList());
                run.responsesTotal = m.sum("keywatch_llm_responses_total");
                run.agentErrors = m.sum("keywatch_agent_errors_total");
            }
            assertThat(jvm.finish()).as("exit code; stderr:\n" + jvm.stderr()).isZero();
            run.transcript = jvm.transcript();
            run.stderr = ClientsIT.withoutJvmSharingNotice(jvm.stderr());
        }
        if (keywatch) {
            run.keywatchSpans = receiver.await(OtlpReceiver.Received::fromKeywatch, FAILURES, 20);
        }
        if (otel) {
            // Each agent flushes at exit; the receiver may still be decoding the last batch.
            receiver.await(s -> s.scope.startsWith("io.opentelemetry.methods"), CALLS, 20);
            List<OtlpReceiver.Received> otelSpans = receiver.await(s -> !s.fromKeywatch(), 3 * CALLS, 5);
            run.otelReceived = otelSpans;
            run.otelSpans = otelSpans.stream()
                    .map(s -> s.scope + " " + s.kind + " " + s.name + " status=" + s.attribute("http.response.status_code"))
                    .sorted().collect(Collectors.toList());
            run.handlerSpans = receiver.spans(s -> s.scope.startsWith("io.opentelemetry.methods"));
        }
        return run;
    }
}
