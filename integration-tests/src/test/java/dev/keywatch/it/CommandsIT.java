package dev.keywatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.demo.fake.FakeProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code java -jar keywatch-agent.jar <command>} in its own process, as a user runs it. */
class CommandsIT {
    static final String AZURE_UNKNOWN = "0123456789abcdef0123456789abcdef";

    static FakeProvider fake;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = ClientsIT.workDir("commands");
        Files.createDirectories(work);
        fake = new FakeProvider()
                .key(ClientsIT.VALID, FakeProvider.Behaviour.VALID)
                .key(ClientsIT.ANTHROPIC_VALID, FakeProvider.Behaviour.VALID)
                .key(ClientsIT.TRIAL, FakeProvider.Behaviour.QUOTA_EXHAUSTED)
                .startHttp(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        if (fake != null) fake.close();
    }

    static final class Result {
        int exit;
        String out;
        String err;
    }

    /** Runs the agent jar's main with exactly this environment (plus PATH) and standard input. */
    static Result command(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(Arrays.asList(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ClientsIT.agentJar().toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        if (path != null) builder.environment().put("PATH", path);
        builder.environment().putAll(env);
        Process p = builder.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = new Thread(() -> copy(p.getErrorStream(), err));
        errPump.start();
        copy(p.getInputStream(), out);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("command finished").isTrue();
        errPump.join(5000);
        Result r = new Result();
        r.exit = p.exitValue();
        r.out = new String(out.toByteArray(), StandardCharsets.UTF_8);
        r.err = new String(err.toByteArray(), StandardCharsets.UTF_8);
        return r;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (java.io.IOException ignored) {
            // the process ended
        }
    }

    @Test
    void fingerprintGivesTheAgentsFingerprintAndNeverTheKey() throws Exception {
        Result r = command(new HashMap<>(), ClientsIT.VALID + "\n" + ClientsIT.ANTHROPIC_VALID + "\n", "fingerprint");
        assertThat(r.exit).isZero();
        assertThat(r.out).contains(ClientsIT.fingerprint(ClientsIT.VALID) + "  ")
                .contains(ClientsIT.fingerprint(ClientsIT.ANTHROPIC_VALID) + "  ")
                .contains("sk-proj-\u2026" + ClientsIT.VALID.substring(ClientsIT.VALID.length() - 4));
        LeakScan.assertNoKeyMaterial("fingerprint output", r.out + r.err, ClientsIT.ALL_KEYS);
    }

    @Test
    void doctorOnlineProvesEachKeyWithTheAgentsClassifier() throws Exception {
        String base = "http://127.0.0.1:" + fake.httpPort();
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", ClientsIT.VALID);
        env.put("OPENAI_BASE_URL", base + "/v1");
        env.put("ANTHROPIC_API_KEY", ClientsIT.ANTHROPIC_UNKNOWN);
        env.put("ANTHROPIC_BASE_URL", base);
        env.put("GEMINI_API_KEY", ClientsIT.GEMINI_UNKNOWN);
        env.put("GEMINI_BASE_URL", base);
        env.put("AZURE_OPENAI_API_KEY", AZURE_UNKNOWN);
        env.put("AZURE_OPENAI_ENDPOINT", base);
        env.put("DEEPSEEK_API_KEY", ClientsIT.TRIAL);
        env.put("DEEPSEEK_BASE_URL", base);
        fake.reset();

        Result r = command(env, "", "doctor", "--online", "--json");
        assertThat(r.exit).as(r.out + r.err).isEqualTo(1);
        String json = r.out;
        assertThat(section(json, "OPENAI_API_KEY")).contains("\"status\":200,\"reason\":\"ok\"")
                .contains("\"broken\":false").contains("\"request_id\":\"req_");
        assertThat(section(json, "ANTHROPIC_API_KEY")).contains("\"status\":401,\"reason\":\"invalid_key\"")
                .contains("\"provider_code\":\"authentication_error\"").contains("\"broken\":true");
        assertThat(section(json, "GEMINI_API_KEY")).contains("\"status\":400,\"reason\":\"invalid_key\"")
                .contains("\"provider_code\":\"API_KEY_INVALID\"");
        assertThat(section(json, "AZURE_OPENAI_API_KEY")).contains("\"kind\":\"azure\"")
                .contains("\"status\":401,\"reason\":\"invalid_key\"");
        // An OpenAI key in DEEPSEEK_API_KEY sent to a host of unknown kind (a relay may take any key): no finding
        // offline, and out of quota online.
        assertThat(section(json, "DEEPSEEK_API_KEY")).contains("\"findings\":[]")
                .contains("\"status\":429,\"reason\":\"quota_exhausted\"");
        assertThat(fake.served()).as("one call per key").isEqualTo(5);
        LeakScan.assertNoKeyMaterial("doctor output", r.out + r.err, ClientsIT.ALL_KEYS);

        env.remove("ANTHROPIC_API_KEY");
        env.remove("GEMINI_API_KEY");
        env.remove("AZURE_OPENAI_API_KEY");
        env.remove("DEEPSEEK_API_KEY");
        Result healthy = command(env, "", "doctor", "--online");
        assertThat(healthy.exit).as(healthy.out).isZero();
        assertThat(healthy.out).contains("online: 200 ok").contains("All 1 keys look right.");
    }

    @Test
    void attachInstrumentsARunningJvm() throws Exception {
        TestTls tls = TestTls.create(work.resolve("tls"));
        try (FakeProvider https = new FakeProvider().key(ClientsIT.VALID, FakeProvider.Behaviour.VALID)
                .startHttps(new InetSocketAddress("127.0.0.1", 0), tls.serverContext())) {
            Path hosts = TestTls.writeHostsFile(work.resolve("hosts"));
            String url = "https://api.openai.com:" + https.httpsPort() + "/v1/chat/completions";
            Path script = ScriptedCall.write(work.resolve("attach-calls.tsv"),
                    new ScriptedCall("ok", url).header("Authorization", "Bearer " + ClientsIT.VALID),
                    new ScriptedCall("invalid", url).header("Authorization", "Bearer " + ClientsIT.UNKNOWN));
            List<String> options = tls.clientOptions(hosts);
            options.add("-Dprogram.waitFirst=true");
            try (ForkedJvm jvm = ForkedJvm.start(Paths.get(System.getProperty("java.home")), options,
                    ClientProgram.class.getName(), "jdk-string", script.toString())) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!jvm.stdout().contains(ClientProgram.WAITING) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                int port = ClientsIT.freePort();
                Result attach = command(new HashMap<>(), "", "attach", Long.toString(jvm.pid()),
                        "prometheus.port=" + port + ",log=off");
                assertThat(attach.exit).as(attach.out + attach.err).isZero();
                assertThat(attach.out).contains("Keywatch attached to " + jvm.pid());

                jvm.tell("go");
                jvm.awaitReady(60);
                PrometheusText m = new PrometheusText(ClientsIT.scrapeUntil(port, 2));
                assertThat(jvm.finish()).isZero();
                assertThat(m.sum("keywatch_llm_responses_total", "reason", "ok",
                        "key", ClientsIT.fingerprint(ClientsIT.VALID))).isEqualTo(1);
                assertThat(m.sum("keywatch_llm_responses_total", "reason", "invalid_key")).isEqualTo(1);
                assertThat(m.sum("keywatch_agent_errors_total")).isZero();
            }
        }
    }

    @Test
    void aBadCommandLineIsAUsageError() throws Exception {
        assertThat(command(new HashMap<>(), "", "attach", "not-a-pid").exit).isEqualTo(2);
        assertThat(command(new HashMap<>(), "", "doctor", "--timeout-seconds").exit).isEqualTo(2);
        Result none = command(new HashMap<>(), "");
        assertThat(none.exit).isEqualTo(2);
        assertThat(none.out).contains("fingerprint").contains("doctor").contains("attach");
    }

    /** The JSON object of one variable in doctor's output. */
    private static String section(String json, String variable) {
        int start = json.indexOf("{\"variable\":\"" + variable + "\"");
        assertThat(start).as(variable + " in " + json).isGreaterThanOrEqualTo(0);
        int end = json.indexOf("\"broken\":", start);
        return json.substring(start, json.indexOf('}', end) + 1);
    }
}
