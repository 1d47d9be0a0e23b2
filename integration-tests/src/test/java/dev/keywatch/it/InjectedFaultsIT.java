package dev.keywatch.it;

import static dev.keywatch.it.ClientsIT.ALL_KEYS;
import static dev.keywatch.it.ClientsIT.BURST;
import static dev.keywatch.it.ClientsIT.UNKNOWN;
import static dev.keywatch.it.ClientsIT.VALID;
import static dev.keywatch.it.ClientsIT.freePort;
import static dev.keywatch.it.ClientsIT.runForked;
import static dev.keywatch.it.ClientsIT.withoutJvmSharingNotice;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An exception thrown inside every path from advice into the agent, injected by
 * {@link FaultInjectingProgram}: each bridge hook in turn throws an {@link Error} (and each that hands
 * something back to the advice, hands back an object of the wrong type), and classification and export
 * throw for every exchange. Through the client style that reaches the hook, the application must see
 * exactly what it sees without the agent; the agent must count every fault and say so once.
 */
class InjectedFaultsIT {
    /** HttpClient 5 async with its pool shut down: its execution chain throws, the one way to that hook. */
    private static final String POOL_CLOSED = "apache5-async-pool-closed";

    /** The style that reaches each hook, and the component the agent names when that hook fails. */
    private static final Map<String, String[]> HOOKS = new LinkedHashMap<>();

    static {
        hook("okhttp", "okhttp", "okHttpStart", "okHttpEnd");
        hook("jdk-stream", "jdk-httpclient", "jdkHttpStart", "jdkHttpBodyHandler", "jdkHttpSent");
        hook("huc-status-first", "httpurlconnection", "urlConnectionEnter", "urlConnectionExit",
                "urlConnectionErrorStream");
        hook("apache4", "apache-httpclient-4", "apache4Start", "apache4End");
        hook("apache5", "apache-httpclient-5", "apache5Start", "apache5End");
        hook("apache5-async", "apache-httpclient-5", "apache5AsyncCallback");
        hook(POOL_CLOSED, "apache-httpclient-5", "apache5AsyncFailed");
        hook("reactor-netty", "reactor-netty", "reactorNettyRequest", "reactorNettyFailed", "reactorNettyInbound",
                "reactorNettyClosed");
        hook("vertx", "vertx", "vertxRequest", "vertxRequestFailed", "vertxResponse", "vertxChunk", "vertxEnded");
    }

    /** The hooks that hand the advice something back: the token, response, stream, handler or callback. */
    private static final Set<String> RETURNING = new TreeSet<>(Arrays.asList("okHttpStart", "okHttpEnd",
            "jdkHttpStart", "jdkHttpBodyHandler", "urlConnectionEnter", "urlConnectionErrorStream", "apache4Start",
            "apache5Start", "apache5AsyncCallback"));

    private static void hook(String style, String component, String... hooks) {
        for (String h : hooks) {
            HOOKS.put(h, new String[] {style, component});
        }
    }

    static FakeProvider fake;
    static MisbehavingProvider misbehaving;
    static Path work;
    static Path script;
    static final Map<String, ClientsIT.Run> WITHOUT_AGENT = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        work = workDir("injected-faults");
        fake = new FakeProvider()
                .key(VALID, FakeProvider.Behaviour.VALID)
                .key(BURST, FakeProvider.Behaviour.RATE_LIMITED)
                .startHttps(new InetSocketAddress("127.0.0.1", 0), TestTls.create(workDir("tls")).serverContext());
        misbehaving = new MisbehavingProvider();
        script = script(freePort());
    }

    @AfterAll
    static void stop() {
        if (fake != null) fake.close();
        if (misbehaving != null) misbehaving.close();
    }

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        HOOKS.forEach((hook, where) -> {
            cases.add(Arguments.of(where[0], hook, "throw", where[1]));
            if (RETURNING.contains(hook)) {
                cases.add(Arguments.of(where[0], hook, "wrong-type", where[1]));
            }
        });
        for (String style : new TreeSet<>(HOOKS.values().stream().map(w -> w[0]).collect(Collectors.toList()))) {
            cases.add(Arguments.of(style, "sink", "throw", "capture"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} {2} through {0}")
    @MethodSource("faults")
    void aFaultInsideTheAgentChangesNothingAndIsSaidOnce(String style, String point, String mode, String component)
            throws Exception {
        String classPath = System.getProperty("java.class.path");
        Path jdk = Jdks.homes().get(0);
        Path injections = work.resolve("injected-" + point + "-" + mode + "-" + style + ".txt");
        ClientsIT.Run without = WITHOUT_AGENT.get(style);
        if (without == null) {
            without = runForked(jdk, classPath, work, List.of(), null, 0, 120, FaultInjectingProgram.class.getName(),
                    point, mode, injections.toString(), style, script.toString());
            WITHOUT_AGENT.put(style, without);
        }
        int exchanges = exchangesOf(style);
        ClientsIT.Run with = runForked(jdk, classPath, work, List.of(), work.resolve("events-" + point + ".jsonl"),
                point.equals("sink") ? m -> injectionsIn(injections) >= exchanges : settled(injections), 120, FaultInjectingProgram.class.getName(),
                point, mode, injections.toString(), style, script.toString());

        assertThat(without.transcript.split("\n")).hasSize(5);
        if (!style.equals(POOL_CLOSED)) {
            assertThat(without.transcript).contains("ok status=200").contains("invalid status=401")
                    .contains("rate-limited status=429").contains("unreachable error=");
        }
        assertThat(with.transcript).as("what the application saw, with a fault in " + point)
                .isEqualTo(without.transcript);
        List<String> said = agentLines(with.stderr);
        assertThat(withoutJvmSharingNotice(with.stderr).lines().filter(l -> !said.contains(l))
                .collect(Collectors.joining("\n", "", without.stderr.isEmpty() ? "" : "\n")))
                .as("the application's own stderr").isEqualTo(without.stderr);

        int injected = injectionsIn(injections);
        PrometheusText m = new PrometheusText(with.metrics);
        double errors = m.sum("keywatch_agent_errors_total");
        assertThat(injected).as("faults injected into " + point).isPositive();
        if (point.equals("sink")) {
            assertThat(injected).as("every exchange reached classification").isEqualTo(exchanges);
            with.assertReportedPromptly();
        }
        if (mode.equals("throw")) {
            assertThat(errors).as("every fault counted\n" + with.metrics).isEqualTo(injected);
            assertThat(m.sum("keywatch_agent_errors_total", "component", component)).isEqualTo(injected);
            assertThat(said).as("said once").hasSize(1);
            assertThat(said.get(0)).startsWith("[keywatch] internal error in " + component + " ")
                    .contains("fault injected by the test into " + point);
        } else {
            // The advice meets the wrong type when it hands the object on, or the next hook does when given
            // it back: either way each fault is counted (a token is given back to more than one hook).
            assertThat(errors).as("every fault counted\n" + with.metrics).isGreaterThanOrEqualTo(injected);
            assertThat(said).as("said once per component that met it").isNotEmpty()
                    .allSatisfy(l -> assertThat(l).matches("\\[keywatch\\] internal error in (advice|"
                            + component + ") .*"));
            assertThat(said.stream().map(l -> l.split(" ")[4]).distinct().count()).isEqualTo(said.size());
        }
        LeakScan.assertNoKeyMaterial("stderr", with.stderr, ALL_KEYS);
        LeakScan.assertNoKeyMaterial("metrics", with.metrics, ALL_KEYS);
    }

    /** Every hook the bridge has is in the list above: a new one cannot go untested. */
    @Test
    void everyBridgeHookIsFaulted() throws Exception {
        Path jdk = Jdks.homes().get(0);
        ClientsIT.Run run = runForked(jdk, System.getProperty("java.class.path"), work, List.of(),
                work.resolve("events-list.jsonl"), m -> true, 60, ListHooks.class.getName());
        Set<String> hooks = new TreeSet<>();
        Set<String> returning = new TreeSet<>();
        for (String line : run.transcript.split("\n")) {
            String[] nameAndType = line.split(" ");
            if (nameAndType[0].equals("failed")) continue; // how faults are reported, not a path from advice
            hooks.add(nameAndType[0]);
            if (!nameAndType[1].equals("void")) returning.add(nameAndType[0]);
        }
        assertThat(hooks).hasSizeGreaterThan(20).isEqualTo(new TreeSet<>(HOOKS.keySet()));
        assertThat(returning).isEqualTo(RETURNING);
    }

    /** Prints the bridge's hooks as the attached agent has them, then waits like {@link ClientProgram}. */
    public static final class ListHooks {
        public static void main(String[] args) throws Exception {
            FaultInjectingProgram.main(new String[] {"--list-hooks"});
            System.out.println(ForkedJvm.READY);
            System.out.flush();
            System.in.read();
        }
    }

    /**
     * The exchanges of the script: Vert.x makes none of a connection it cannot open, HttpClient 5 retries a
     * 429 once, and with its pool shut down every call is an exchange that fails at once.
     */
    private static int exchangesOf(String style) {
        switch (style) {
            case "vertx": return 4;
            case "apache5":
            case "apache5-async": return 6;
            default: return 5;
        }
    }

    /** Scrapes until the agent has counted as many errors as were injected, twice in a row. */
    private static Predicate<PrometheusText> settled(Path injections) {
        int[] agreed = {0};
        return m -> {
            int injected = injectionsIn(injections);
            boolean counted = injected > 0 && m.sum("keywatch_agent_errors_total") >= injected;
            agreed[0] = counted ? agreed[0] + 1 : 0;
            return agreed[0] >= 2;
        };
    }

    private static int injectionsIn(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> agentLines(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("[keywatch] ")).collect(Collectors.toList());
    }

    /** A success, an error body, a rate limit, an error body cut short, and a host that refuses connections. */
    private static Path script(int closedPort) throws IOException {
        String openAi = "https://api.openai.com:" + fake.httpsPort() + "/v1/chat/completions";
        String truncated = "http://api.openai.com:" + misbehaving.port() + "/v1/chat/completions/truncated";
        return ScriptedCall.write(work.resolve("calls.tsv"),
                new ScriptedCall("ok", openAi).header("Authorization", "Bearer " + VALID),
                new ScriptedCall("invalid", openAi).header("Authorization", "Bearer " + UNKNOWN),
                new ScriptedCall("rate-limited", openAi).header("Authorization", "Bearer " + BURST),
                new ScriptedCall("truncated", truncated).header("Authorization", "Bearer " + UNKNOWN),
                new ScriptedCall("unreachable", openAi.replace(":" + fake.httpsPort() + "/", ":" + closedPort + "/"))
                        .header("Authorization", "Bearer " + VALID));
    }
}
