package dev.keywatch.it;

import static dev.keywatch.it.ClientsIT.ALL_KEYS;
import static dev.keywatch.it.ClientsIT.UNKNOWN;
import static dev.keywatch.it.ClientsIT.fingerprint;
import static dev.keywatch.it.ClientsIT.runForked;
import static dev.keywatch.it.ClientsIT.workDir;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Error bodies as they come from real gateways and providers, not as the classifier would like them:
 * huge, gzip, chunked with pauses, HTML, a JSON array, cut short, and never ending. Through one style of
 * each client library, the application must see exactly what it sees without the agent, each exchange
 * must be counted once, and nothing the agent swallows may go unsaid or be said twice.
 */
class ErrorBodiesIT {
    /** One body-reading style of each instrumented client library. */
    static final List<String> STYLES = Arrays.asList("okhttp", "jdk-string", "jdk-stream", "huc-status-first",
            "apache4", "apache5", "apache5-async", "reactor-netty", "vertx");

    /** Each a 401 for a key the provider does not know: invalid_key, from the body where it is read, else from status and key. */
    static final List<String> FAULTS = Arrays.asList("array", "chunked", "gzip", "html", "huge", "truncated");

    static MisbehavingProvider provider;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        provider = new MisbehavingProvider();
        work = workDir("error-bodies");
    }

    @AfterAll
    static void stop() {
        if (provider != null) provider.close();
    }

    static Stream<Arguments> stylesOnEveryJdk() {
        return Jdks.onEveryJdk(STYLES);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("stylesOnEveryJdk")
    void malformedErrorBodiesChangeNothingAndCountOnce(String style, Path jdk) throws Exception {
        List<String> faults = FAULTS;
        List<ScriptedCall> calls = new ArrayList<>();
        for (String fault : faults) {
            calls.add(new ScriptedCall(fault, url(fault)).header("Authorization", "Bearer " + UNKNOWN));
        }
        Path script = ScriptedCall.write(work.resolve("faults-" + style + ".tsv"), calls.toArray(new ScriptedCall[0]));
        String classPath = System.getProperty("java.class.path");

        ClientsIT.Run without = runForked(jdk, classPath, work, List.of(), null, 0, 120,
                ClientProgram.class.getName(), style, script.toString());
        Path eventLog = work.resolve("events-" + style + "-" + jdk.getFileName() + ".jsonl");
        ClientsIT.Run with = runForked(jdk, classPath, work, List.of(), eventLog, faults.size(), 120,
                ClientProgram.class.getName(), style, script.toString());

        assertThat(without.transcript.split("\n")).hasSize(faults.size());
        assertThat(without.transcript).as("the huge body reached the application whole")
                .contains("huge status=401 bytes=" + MisbehavingProvider.hugeBody().length + " ");
        assertThat(with.transcript).as("what the application saw, with the agent").isEqualTo(without.transcript);
        assertThat(ClientsIT.withoutJvmSharingNotice(with.stderr)).as("stderr").isEqualTo(without.stderr);

        PrometheusText m = new PrometheusText(with.metrics);
        assertThat(m.sum("keywatch_llm_responses_total")).as("one exchange per call\n" + with.metrics)
                .isEqualTo(faults.size());
        assertThat(m.sum("keywatch_llm_responses_total", "status", "401", "reason", "invalid_key",
                "key", fingerprint(UNKNOWN))).as(with.metrics).isEqualTo(faults.size());
        assertThat(m.sum("keywatch_agent_errors_total")).as("exceptions the agent swallowed").isZero();
        with.assertReportedPromptly();

        List<String> events = Files.readAllLines(eventLog, StandardCharsets.UTF_8);
        assertThat(events).hasSize(faults.size());
        assertThat(events).allSatisfy(e -> assertThat(e)
                .contains("\"request_id\":\"req_0123456789abcdef0123456789abcdef\""));
        // Where the whole error reached the agent, its code was read: through gzip and across chunks.
        assertThat(events).filteredOn(e -> e.contains("/gzip\"") || e.contains("/chunked\""))
                .hasSize(2).allSatisfy(e -> assertThat(e).contains("\"provider_code\":\"invalid_api_key\""));
        LeakScan.assertNoKeyMaterial("stderr", with.stderr, ALL_KEYS);
        LeakScan.assertNoKeyMaterial("metrics", with.metrics, ALL_KEYS);
        LeakScan.assertNoKeyMaterial("event log", String.join("\n", events), ALL_KEYS);
    }

    static Stream<Arguments> neverEndingStyles() {
        return Jdks.onEveryJdk(Arrays.asList("okhttp", "huc", "jdk-stream", "apache5"));
    }

    /**
     * The body starts and never ends: the application gets its status when the headers arrive and its read
     * ends as its own timeout says, with the agent as without; the exchange is counted once.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("neverEndingStyles")
    void aNeverEndingBodyNeverHoldsTheApplicationUp(String style, Path jdk) throws Exception {
        String classPath = System.getProperty("java.class.path");
        String url = url("never-ends");
        ClientsIT.Run without = runForked(jdk, classPath, work, List.of(), null, 0, 60,
                NeverEndingProgram.class.getName(), style, url, UNKNOWN);
        Path eventLog = work.resolve("events-never-" + style + "-" + jdk.getFileName() + ".jsonl");
        ClientsIT.Run with = runForked(jdk, classPath, work, List.of(), eventLog, 1, 60,
                NeverEndingProgram.class.getName(), style, url, UNKNOWN);

        assertThat(without.transcript).contains("status=401 headers-within-1s=true");
        assertThat(with.transcript).as("what the application saw, and when, with the agent")
                .isEqualTo(without.transcript);
        PrometheusText m = new PrometheusText(with.metrics);
        assertThat(m.sum("keywatch_llm_responses_total", "status", "401", "key", fingerprint(UNKNOWN)))
                .as(with.metrics).isEqualTo(1);
        assertThat(m.sum("keywatch_agent_errors_total")).isZero();
        assertThat(Files.readAllLines(eventLog, StandardCharsets.UTF_8)).hasSize(1);
    }

    private static String url(String fault) {
        return "http://api.openai.com:" + provider.port() + "/v1/chat/completions/" + fault;
    }
}
