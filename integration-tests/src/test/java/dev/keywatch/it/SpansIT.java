package dev.keywatch.it;

import static dev.keywatch.it.ClientsIT.agentJar;
import static dev.keywatch.it.ClientsIT.fingerprint;
import static dev.keywatch.it.ClientsIT.freePort;
import static dev.keywatch.it.ClientsIT.openAiKey;
import static dev.keywatch.it.ClientsIT.random;
import static dev.keywatch.it.ClientsIT.scrapeUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.demo.fake.FakeProvider;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans of the real agent in a forked JVM, received over OTLP by this test: the contract's attributes,
 * parented under the application's own span, over http/protobuf and grpc; nothing built or connected
 * when nothing is configured; a dead collector costs the application nothing.
 */
class SpansIT {
    static final String VALID = openAiKey(11);
    static final String ROTATED = openAiKey(12);
    static final String UNKNOWN = openAiKey(13);
    static final String BURST = openAiKey(14);
    static final String TRIAL = openAiKey(15);
    static final String GEMINI_UNKNOWN = "AIza" + random(35, 16);
    static final List<String> ALL_KEYS = Arrays.asList(VALID, ROTATED, UNKNOWN, BURST, TRIAL, GEMINI_UNKNOWN);
    /** The script's calls that fail. */
    static final int FAILURES = 6;
    static final int CALLS = 8;

    static Path work;
    static TestTls tls;
    static FakeProvider fake;
    static Path hosts;
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        work = ClientsIT.workDir("spans");
        tls = TestTls.create(ClientsIT.workDir("tls"));
        fake = new FakeProvider()
                .key(VALID, FakeProvider.Behaviour.VALID)
                .revokeAfter(ROTATED, 1)
                .key(BURST, FakeProvider.Behaviour.RATE_LIMITED)
                .key(TRIAL, FakeProvider.Behaviour.QUOTA_EXHAUSTED)
                .startHttps(new InetSocketAddress("127.0.0.1", 0), tls.serverContext());
        hosts = TestTls.writeHostsFile(work.resolve("hosts"));
        String openAi = "https://api.openai.com:" + fake.httpsPort() + "/v1/chat/completions";
        String gemini = "https://generativelanguage.googleapis.com:" + fake.httpsPort()
                + "/v1beta/models/gemini-2.5-flash:generateContent?key=" + GEMINI_UNKNOWN;
        script = ScriptedCall.write(work.resolve("calls.tsv"),
                new ScriptedCall("ok", openAi).header("Authorization", "Bearer " + VALID),
                new ScriptedCall("rotated-works", openAi).header("Authorization", "Bearer " + ROTATED),
                new ScriptedCall("rotated-rejected", openAi).header("Authorization", "Bearer " + ROTATED),
                new ScriptedCall("invalid", openAi).header("Authorization", "Bearer " + UNKNOWN),
                new ScriptedCall("retried", openAi).header("Authorization", "Bearer " + UNKNOWN)
                        .header("X-Stainless-Retry-Count", "2"),
                new ScriptedCall("rate-limited", openAi).header("Authorization", "Bearer " + BURST),
                new ScriptedCall("quota", openAi).header("Authorization", "Bearer " + TRIAL),
                new ScriptedCall("gemini", gemini));
    }

    @AfterAll
    static void stop() {
        if (fake != null) fake.close();
    }

    @BeforeEach
    void resetProvider() {
        fake.reset();
    }

    @Test
    void failedCallsAreSpansUnderTheApplicationsOwnSpanOverHttpProtobuf() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.http()) {
            Map<String, String> env = otel(receiver.endpoint());
            env.put("OTEL_SERVICE_NAME", "checkout");
            env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=it,team=payments");
            Run run = run(env, "own-sdk", "okhttp", "");

            List<OtlpReceiver.Received> spans = receiver.spans(OtlpReceiver.Received::fromKeywatch);
            assertThat(spans).as("one span per failed call, none for the successes\nrequests: " + receiver.requests()
                    + "\nstderr: " + run.stderr + "\nmetrics: " + run.metrics).hasSize(FAILURES);
            Map<String, OtlpReceiver.Received> byCall = new HashMap<>();
            for (OtlpReceiver.Received s : spans) {
                String call = run.callOfTrace.get(s.traceId);
                assertThat(call).as("a trace of the application's: " + s).isNotNull();
                assertThat(s.parentSpanId).as("parent of " + s).isEqualTo(run.appSpanOfCall.get(call));
                assertThat(s.kind).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
                assertThat(s.status).isEqualTo("STATUS_CODE_ERROR");
                assertThat(s.resource).containsEntry("service.name", "checkout")
                        .containsEntry("deployment.environment.name", "it").containsEntry("team", "payments");
                assertThat(s.attribute("error.type")).isEqualTo(s.attribute("keywatch.reason"));
                assertThat(s.endNanos - s.startNanos).isPositive();
                byCall.put(call, s);
            }

            OtlpReceiver.Received revoked = byCall.get("rotated-rejected@okhttp");
            assertThat(revoked.name).isEqualTo("chat");
            assertThat(revoked.attributes).containsEntry("gen_ai.provider.name", "openai")
                    .containsEntry("gen_ai.operation.name", "chat")
                    .containsEntry("server.address", "api.openai.com")
                    .containsEntry("server.port", (long) fake.httpsPort())
                    .containsEntry("http.request.method", "POST")
                    .containsEntry("http.response.status_code", 401L)
                    .containsEntry("url.path", "/v1/chat/completions")
                    .containsEntry("keywatch.category", "auth")
                    .containsEntry("keywatch.reason", "revoked_key")
                    .containsEntry("keywatch.provider_code", "invalid_api_key")
                    .containsEntry("keywatch.key.fingerprint", fingerprint(ROTATED))
                    .containsEntry("keywatch.key", fingerprint(ROTATED))
                    .containsEntry("keywatch.key.hint", "sk-proj-\u2026" + ROTATED.substring(ROTATED.length() - 4))
                    .containsEntry("keywatch.client", "okhttp");
            assertThat((String) revoked.attribute("keywatch.request_id")).matches("req_[0-9a-f]{32}");
            assertThat(byCall.get("retried@okhttp").attributes).containsEntry("keywatch.retry_attempt", 2L)
                    .containsEntry("keywatch.reason", "invalid_key");
            assertThat(byCall.get("rate-limited@okhttp").attributes).containsEntry("keywatch.reason", "rate_limited")
                    .containsEntry("keywatch.retry_after_seconds", 2.0);
            assertThat(byCall.get("quota@okhttp").attributes).containsEntry("keywatch.category", "quota")
                    .containsEntry("keywatch.provider_code", "insufficient_quota");
            OtlpReceiver.Received gemini = byCall.get("gemini@okhttp");
            assertThat(gemini.name).isEqualTo("generate_content gemini-2.5-flash");
            assertThat(gemini.attributes).containsEntry("gen_ai.provider.name", "gcp.gemini")
                    .containsEntry("gen_ai.request.model", "gemini-2.5-flash")
                    .containsEntry("url.path", "/v1beta/models/gemini-2.5-flash:generateContent")
                    .containsEntry("keywatch.key.fingerprint", fingerprint(GEMINI_UNKNOWN));

            // The event log names the same spans, so a line leads to its trace.
            List<String> events = Files.readAllLines(run.eventLog, StandardCharsets.UTF_8);
            assertThat(events).hasSize(FAILURES);
            for (OtlpReceiver.Received s : spans) {
                assertThat(events).as("the log line of " + s).anySatisfy(line -> assertThat(line)
                        .contains("\"trace_id\":\"" + s.traceId + "\",\"span_id\":\"" + s.spanId + "\"")
                        .contains("\"reason\":\"" + s.attribute("keywatch.reason") + "\""));
            }
            assertThat(events).anySatisfy(line -> assertThat(line).contains("\"retry_attempt\":2"));
            assertThat(events).anySatisfy(line -> assertThat(line).contains("\"retry_after_seconds\":2.0"));

            StringBuilder allSpans = new StringBuilder();
            receiver.spans().forEach(s -> allSpans.append(s.text()).append('\n'));
            LeakScan.assertNoKeyMaterial("spans", allSpans.toString(), ALL_KEYS);
            LeakScan.assertNoKeyMaterial("event log", String.join("\n", events), ALL_KEYS);
            LeakScan.assertNoKeyMaterial("stderr", run.stderr, ALL_KEYS);
            LeakScan.assertNoKeyMaterial("metrics", run.metrics, ALL_KEYS);
            assertThat(new PrometheusText(run.metrics).sum("keywatch_agent_errors_total")).isZero();
        }
    }

    @Test
    void everyCallWithSpansAllOverGrpc() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.grpc()) {
            Map<String, String> env = otel(receiver.endpoint());
            env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
            Run run = run(env, "none", "jdk-string", ",spans=all");

            List<OtlpReceiver.Received> spans = receiver.spans(OtlpReceiver.Received::fromKeywatch);
            assertThat(spans).as("a span per LLM call").hasSize(CALLS);
            assertThat(receiver.requests()).allMatch(r -> r.equals(
                    "POST /opentelemetry.proto.collector.trace.v1.TraceService/Export"));
            List<OtlpReceiver.Received> ok = receiver.spans(s -> "ok".equals(s.attribute("keywatch.reason")));
            assertThat(ok).hasSize(2).allSatisfy(s -> {
                assertThat(s.status).isEqualTo("STATUS_CODE_UNSET");
                assertThat(s.attributes).doesNotContainKey("error.type").containsEntry("http.response.status_code", 200L)
                        .containsEntry("keywatch.client", "jdk-httpclient");
            });
            assertThat(spans).allSatisfy(s -> assertThat(s.parentSpanId).as("no application span").isEmpty());
            assertThat(Files.readAllLines(run.eventLog)).as("the log still has failures only").hasSize(FAILURES);
            assertThat(new PrometheusText(run.metrics).sum("keywatch_agent_errors_total")).isZero();
        }
    }

    @Test
    void withoutAnExporterConfiguredNoSdkIsBuiltAndNothingIsContacted() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.http(); DefaultPorts defaults = DefaultPorts.listen()) {
            Path classes = work.resolve("classes-loaded.log");
            Files.deleteIfExists(classes);
            Run nothing = run(new HashMap<>(), "own-sdk", "okhttp", "", "-Xlog:class+load=info:file=" + classes);
            assertThat(new String(Files.readAllBytes(classes), StandardCharsets.UTF_8))
                    .as("classes the JVM loaded").contains("dev.keywatch.capture").doesNotContain("shaded.io.opentelemetry");
            assertThat(Files.readAllLines(nothing.eventLog)).hasSize(FAILURES);

            fake.reset();
            Files.deleteIfExists(classes);
            Run off = run(otel(receiver.endpoint()), "own-sdk", "okhttp", ",spans=off", "-Xlog:class+load=info:file=" + classes);
            assertThat(new String(Files.readAllBytes(classes), StandardCharsets.UTF_8)).doesNotContain("shaded.io.opentelemetry");
            assertThat(receiver.requests()).as("keywatch.spans=off").isEmpty();
            assertThat(Files.readAllLines(off.eventLog)).hasSize(FAILURES);
            assertThat(defaults.accepted()).as("connections to the default OTLP ports 4317/4318").isZero();
        }
    }

    @Test
    void aRefusingCollectorIsCountedAndSaidOnceAndTheApplicationSeesNoDifference() throws Exception {
        Map<String, String> env = otel("http://127.0.0.1:" + freePort());
        Run without = runWithoutAgent(env);
        fake.reset();
        Run with = runUntil(env, "none", "okhttp", "", m -> m.sum("keywatch_agent_errors_total", "component", "otlp") >= 1);
        assertThat(with.transcript).isEqualTo(without.transcript);
        PrometheusText metrics = new PrometheusText(with.metrics);
        assertThat(metrics.sum("keywatch_agent_errors_total", "component", "otlp")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("keywatch_llm_responses_total")).isEqualTo(CALLS);
        assertThat(with.stderr.split("\n")).filteredOn(l -> l.startsWith("[keywatch]")).hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("span export to the OpenTelemetry collector failed"));
    }

    @Test
    void aCollectorThatNeverAnswersDropsSpansInsteadOfHoldingTheApplication() throws Exception {
        try (BlackHole hole = BlackHole.open()) {
            Map<String, String> env = otel("http://127.0.0.1:" + hole.port());
            env.put("OTEL_BSP_MAX_QUEUE_SIZE", "2");
            env.put("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "2");
            Run without = runWithoutAgent(env);
            fake.reset();
            Run with = runUntil(env, "none", "okhttp", ",spans=all",
                    m -> m.sum("keywatch_agent_errors_total", "component", "spans") >= 1);
            assertThat(with.transcript).isEqualTo(without.transcript);
            assertThat(new PrometheusText(with.metrics).sum("keywatch_agent_errors_total", "component", "spans"))
                    .as("spans dropped while the only export hangs").isGreaterThanOrEqualTo(1);
            assertThat(with.exitMillis).as("exit, with the flush bounded").isLessThan(5_000);
            assertThat(hole.accepted()).as("the exporter did try the collector").isPositive();
        }
    }

    // --- running the program ---

    static final class Run {
        String transcript;
        String stderr;
        String metrics;
        Path eventLog;
        long exitMillis;
        final Map<String, String> callOfTrace = new HashMap<>();
        final Map<String, String> appSpanOfCall = new HashMap<>();
    }

    private static final AtomicInteger RUNS = new AtomicInteger();

    static Map<String, String> otel(String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
        env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
        return env;
    }

    private Run runWithoutAgent(Map<String, String> env) throws Exception {
        return run(env, "none", "okhttp", null);
    }

    private Run run(Map<String, String> env, String tracing, String client, String agentOptions, String... jvmOptions)
            throws Exception {
        return runUntil(env, tracing, client, agentOptions, m -> true, jvmOptions);
    }

    /** Runs the program; with the agent, scrapes its metrics until every call is counted and {@code until} holds. */
    private Run runUntil(Map<String, String> env, String tracing, String client, String agentOptions,
                         Predicate<PrometheusText> until, String... jvmOptions) throws Exception {
        List<String> options = tls.clientOptions(hosts);
        options.addAll(Arrays.asList(jvmOptions));
        Run run = new Run();
        int port = freePort();
        if (agentOptions != null) {
            run.eventLog = work.resolve("events-" + RUNS.incrementAndGet() + ".jsonl");
            Files.deleteIfExists(run.eventLog);
            options.add("-javaagent:" + agentJar() + "=prometheus.port=" + port + ",prometheus.host=127.0.0.1,log="
                    + run.eventLog + agentOptions);
        }
        try (ForkedJvm jvm = ForkedJvm.start(Jdks.homes().get(0), System.getProperty("java.class.path"), env, options,
                TracedProgram.class.getName(), tracing, client, script.toString())) {
            jvm.awaitReady(90);
            if (agentOptions != null) {
                run.metrics = scrapeUntil(port, CALLS);
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (!until.test(new PrometheusText(run.metrics)) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    run.metrics = scrapeUntil(port, CALLS);
                }
            }
            long finishing = System.nanoTime();
            assertThat(jvm.finish()).as("exit code; stderr:\n" + jvm.stderr()).isZero();
            run.exitMillis = (System.nanoTime() - finishing) / 1_000_000;
            run.stderr = ClientsIT.withoutJvmSharingNotice(jvm.stderr());
            StringBuilder transcript = new StringBuilder();
            for (String line : jvm.transcript().split("\n")) {
                if (line.startsWith(TracedProgram.SPAN_LINE)) {
                    String[] parts = line.split(" ");
                    run.callOfTrace.put(parts[2], parts[1]);
                    run.appSpanOfCall.put(parts[1], parts[3]);
                } else {
                    transcript.append(line).append('\n');
                }
            }
            run.transcript = transcript.toString();
        }
        return run;
    }

    /** Listens on the OTLP default ports, where they are free, and counts who connects. */
    static final class DefaultPorts implements AutoCloseable {
        private final List<BlackHole> holes = new ArrayList<>();

        static DefaultPorts listen() {
            DefaultPorts p = new DefaultPorts();
            for (int port : new int[] {4317, 4318}) {
                try {
                    p.holes.add(BlackHole.open(port));
                } catch (IOException inUse) {
                    // someone else's collector: the class-load check above still holds
                }
            }
            return p;
        }

        int accepted() {
            return holes.stream().mapToInt(BlackHole::accepted).sum();
        }

        @Override
        public void close() throws IOException {
            for (BlackHole h : holes) h.close();
        }
    }

    /** Accepts connections and never answers: a collector that hangs. */
    static final class BlackHole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new ArrayList<>();
        private final AtomicInteger accepted = new AtomicInteger();

        private BlackHole(ServerSocket server) {
            this.server = server;
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        accepted.incrementAndGet();
                        synchronized (held) {
                            held.add(s);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "black-hole");
            t.setDaemon(true);
            t.start();
        }

        static BlackHole open() throws IOException {
            return open(0);
        }

        static BlackHole open(int port) throws IOException {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return new BlackHole(s);
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (held) {
                for (Socket s : held) s.close();
            }
        }
    }
}
