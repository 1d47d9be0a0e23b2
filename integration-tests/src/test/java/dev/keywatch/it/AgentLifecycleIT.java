package dev.keywatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.demo.fake.FakeProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Start-up: classes loaded before the agent, the master switch, and bad settings. */
class AgentLifecycleIT {
    static Path work;
    static TestTls tls;
    static FakeProvider fake;
    static Path hosts;
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        work = ClientsIT.workDir("lifecycle");
        tls = TestTls.create(work.resolve("tls"));
        fake = new FakeProvider().key(ClientsIT.VALID, FakeProvider.Behaviour.VALID)
                .startHttps(new InetSocketAddress("127.0.0.1", 0), tls.serverContext());
        hosts = TestTls.writeHostsFile(work.resolve("hosts"));
        String url = "https://api.openai.com:" + fake.httpsPort() + "/v1/chat/completions";
        script = ScriptedCall.write(work.resolve("calls.tsv"),
                new ScriptedCall("ok", url).header("Authorization", "Bearer " + ClientsIT.VALID),
                new ScriptedCall("invalid", url).header("Authorization", "Bearer " + ClientsIT.UNKNOWN));
    }

    @AfterAll
    static void stop() {
        if (fake != null) fake.close();
    }

    @Test
    void retransformsJdkClientsLoadedBeforeTheAgent() throws Exception {
        Path earlyAgent = work.resolve("early-loader.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", EarlyLoader.class.getName());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(earlyAgent), manifest)) {
            jar.flush();
        }
        for (String mode : Arrays.asList("huc-status-first", "jdk-string")) {
            int port = ClientsIT.freePort();
            List<String> options = baseOptions();
            options.add("-javaagent:" + earlyAgent);
            options.add("-javaagent:" + ClientsIT.agentJar() + "=prometheus.port=" + port + ",log=off");
            try (ForkedJvm jvm = ForkedJvm.start(javaHome(), options, ClientProgram.class.getName(), mode, script.toString())) {
                jvm.awaitReady(60);
                PrometheusText m = new PrometheusText(scrape(port, 2));
                jvm.finish();
                assertThat(jvm.stderr()).contains("early-loaded");
                assertThat(m.sum("keywatch_llm_responses_total", "reason", "ok")).as(mode).isEqualTo(1);
                assertThat(m.sum("keywatch_llm_responses_total", "reason", "invalid_key")).as(mode).isEqualTo(1);
                assertThat(m.sum("keywatch_agent_errors_total")).isZero();
            }
        }
    }

    @Test
    void disabledInstallsNothing() throws Exception {
        int port = ClientsIT.freePort();
        List<String> options = baseOptions();
        options.add("-javaagent:" + ClientsIT.agentJar() + "=enabled=false,prometheus.port=" + port);
        try (ForkedJvm jvm = ForkedJvm.start(javaHome(), options, ClientProgram.class.getName(), "okhttp", script.toString())) {
            jvm.awaitReady(60);
            Thread.sleep(1500);
            assertThat(listening(port)).as("no metrics endpoint").isFalse();
            jvm.finish();
            assertThat(jvm.transcript()).contains("ok status=200").contains("invalid status=401");
            assertThat(ClientsIT.withoutJvmSharingNotice(jvm.stderr())).isEmpty();
        }
    }

    /**
     * One client switched off: its calls go uncounted and untouched, the others are still seen, and the
     * agent says which instrumentations it installed.
     */
    @Test
    void oneClientCanBeSwitchedOffByName() throws Exception {
        for (String[] client : new String[][] {{"apache5", "apache-httpclient-5"}, {"reactor-netty", "reactor-netty"},
                {"vertx", "vertx"}, {"apache4", "apache-httpclient-4"}}) {
            int port = ClientsIT.freePort();
            List<String> options = baseOptions();
            options.add("-javaagent:" + ClientsIT.agentJar() + "=prometheus.port=" + port + ",log=off,instrumentation."
                    + client[1] + ".enabled=false");
            try (ForkedJvm jvm = ForkedJvm.start(javaHome(), options, ClientProgram.class.getName(), client[0],
                    script.toString())) {
                jvm.awaitReady(60);
                String metrics = scrape(port, 0);
                jvm.finish();
                assertThat(jvm.transcript()).contains("ok status=200").contains("invalid status=401");
                PrometheusText m = new PrometheusText(metrics);
                assertThat(m.sum("keywatch_llm_responses_total")).as(client[1]).isZero();
                assertThat(m.samples("keywatch_agent_info")).hasSize(1);
                assertThat(Arrays.asList(m.samples("keywatch_agent_info").get(0).labels.get("instrumentations")
                        .split(","))).contains("okhttp").doesNotContain(client[1]);
            }
        }
    }

    @Test
    void aBadSettingIsOneLineOnStderrAndTheDefault() throws Exception {
        int port = ClientsIT.freePort();
        List<String> options = baseOptions();
        options.add("-javaagent:" + ClientsIT.agentJar() + "=prometheus.port=" + port + ",keys.max=lots,log=off");
        try (ForkedJvm jvm = ForkedJvm.start(javaHome(), options, ClientProgram.class.getName(), "okhttp", script.toString())) {
            jvm.awaitReady(60);
            PrometheusText m = new PrometheusText(scrape(port, 2));
            jvm.finish();
            assertThat(m.sum("keywatch_llm_responses_total")).isEqualTo(2);
            assertThat(ClientsIT.withoutJvmSharingNotice(jvm.stderr())).isEqualTo(
                    "[keywatch] invalid value 'lots' for keywatch.keys.max (expected a number from 1 to 100000); using 100"
                            + System.lineSeparator());
        }
    }

    @Test
    void aTakenMetricsPortCostsOneLineAndNothingElse() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            List<String> options = baseOptions();
            options.add("-javaagent:" + ClientsIT.agentJar() + "=prometheus.port=" + taken.getLocalPort() + ",log=off");
            try (ForkedJvm jvm = ForkedJvm.start(javaHome(), options, ClientProgram.class.getName(), "okhttp",
                    script.toString())) {
                jvm.awaitReady(60);
                Thread.sleep(1500);
                assertThat(jvm.finish()).isZero();
                assertThat(jvm.transcript()).contains("ok status=200").contains("invalid status=401");
                String stderr = ClientsIT.withoutJvmSharingNotice(jvm.stderr());
                assertThat(stderr.split("\\R")).hasSize(1);
                assertThat(stderr).startsWith("[keywatch] cannot serve /metrics on 0.0.0.0:" + taken.getLocalPort());
            }
        }
    }

    @Test
    void aConfiguredRelayWithAliasesAndNoHints() throws Exception {
        String url = "https://127.0.0.1:" + fake.httpsPort() + "/v1/chat/completions";
        Path relayScript = ScriptedCall.write(work.resolve("relay-calls.tsv"),
                new ScriptedCall("ok", url).header("Authorization", "Bearer " + ClientsIT.VALID),
                new ScriptedCall("invalid", url).header("Authorization", "Bearer " + ClientsIT.UNKNOWN));
        Path log = work.resolve("relay-events.jsonl");
        Files.deleteIfExists(log);
        int port = ClientsIT.freePort();
        List<String> options = baseOptions();
        options.add("-javaagent:" + ClientsIT.agentJar() + "=prometheus.port=" + port + ",providers=127.0.0.1=my-relay"
                + ",key.aliases=" + ClientsIT.fingerprint(ClientsIT.VALID) + "=prod-main,key.hint=none,log=" + log);
        try (ForkedJvm jvm = ForkedJvm.start(javaHome(), options, ClientProgram.class.getName(), "jdk-string",
                relayScript.toString())) {
            jvm.awaitReady(60);
            PrometheusText m = new PrometheusText(scrape(port, 2));
            jvm.finish();
            assertThat(m.sum("keywatch_llm_responses_total", "provider", "my-relay", "host", "127.0.0.1",
                    "key", "prod-main", "reason", "ok")).isEqualTo(1);
            assertThat(m.sum("keywatch_llm_responses_total", "provider", "my-relay", "reason", "invalid_key",
                    "key", ClientsIT.fingerprint(ClientsIT.UNKNOWN))).isEqualTo(1);
            List<String> events = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(events).hasSize(1);
            assertThat(events.get(0)).contains("\"provider\":\"my-relay\"")
                    .contains("\"key_fingerprint\":\"" + ClientsIT.fingerprint(ClientsIT.UNKNOWN) + "\"")
                    .doesNotContain("key_hint");
        }
    }

    @Test
    void theStartupCheckNamesDamagedKeysInTheEnvironmentWithoutShowingThem() throws Exception {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("OPENAI_API_KEY", ClientsIT.VALID + " ");
        env.put("ANTHROPIC_API_KEY", "None");
        env.put("GROQ_API_KEY", ClientsIT.ANTHROPIC_VALID);
        int port = ClientsIT.freePort();
        List<String> options = baseOptions();
        options.add("-javaagent:" + ClientsIT.agentJar() + "=prometheus.port=" + port + ",log=off");
        try (ForkedJvm jvm = ForkedJvm.start(javaHome(), System.getProperty("java.class.path"), env, options,
                ClientProgram.class.getName(), "okhttp", script.toString())) {
            jvm.awaitReady(60);
            String text = scrape(port, 2);
            // The check runs after the endpoint starts: give it a few more seconds, once, not per scrape.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!text.contains("keywatch_key_hygiene_findings{") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                text = scrape(port, 0);
            }
            PrometheusText m = new PrometheusText(text);
            jvm.finish();
            assertThat(m.sum("keywatch_key_hygiene_findings", "provider", "openai", "variable", "OPENAI_API_KEY",
                    "finding", "trailing_whitespace")).isEqualTo(1);
            assertThat(m.sum("keywatch_key_hygiene_findings", "variable", "ANTHROPIC_API_KEY", "finding", "placeholder"))
                    .isEqualTo(1);
            assertThat(m.sum("keywatch_key_hygiene_findings", "provider", "groq", "finding", "wrong_provider"))
                    .isEqualTo(1);
            String stderr = ClientsIT.withoutJvmSharingNotice(jvm.stderr());
            assertThat(stderr.split("\\R")).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("[keywatch] startup check: "));
            assertThat(stderr).contains("OPENAI_API_KEY (openai, " + ClientsIT.fingerprint(ClientsIT.VALID) + ", sk-proj-\u2026")
                    .contains("GROQ_API_KEY (groq, ");
            LeakScan.assertNoKeyMaterial("stderr", stderr, ClientsIT.ALL_KEYS);
            LeakScan.assertNoKeyMaterial("metrics", text, ClientsIT.ALL_KEYS);
        }
    }

    private static List<String> baseOptions() {
        return tls.clientOptions(hosts);
    }

    private static Path javaHome() {
        return Paths.get(System.getProperty("java.home"));
    }

    private static String scrape(int port, int expected) throws Exception {
        return ClientsIT.scrapeUntil(port, expected);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
