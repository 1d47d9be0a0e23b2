package dev.keywatch.it;

import static dev.keywatch.it.ClientsIT.fingerprint;
import static dev.keywatch.it.ClientsIT.openAiKey;
import static dev.keywatch.it.ClientsIT.counted;
import static dev.keywatch.it.ClientsIT.runForkedUntil;
import static dev.keywatch.it.ClientsIT.workDir;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.demo.fake.FakeProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent under load, on the default JDK: 200 threads for a minute with keys changing on every call, and
 * 100,000 keys never seen before. Every exchange is counted exactly once, whatever the interleaving; the
 * application's calls all end as the provider answered them; the agent swallows nothing; its key series
 * and its share of the heap stay bounded however many keys pass through.
 */
class LoadIT {
    static final int THREADS = 200;
    static final int SECONDS = 60;
    static final int DISTINCT_KEYS = Integer.getInteger("keywatch.it.distinct.keys", 100_000);

    static FakeProvider fake;
    static Path work;
    static final List<String> KEYS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        work = workDir("load");
        fake = new FakeProvider();
        // 40 keys in turn: healthy, rate limited, out of quota, unknown, and some revoked after their 500th call.
        for (int i = 0; i < 40; i++) {
            String key = openAiKey(1000 + i);
            KEYS.add(key);
            switch (i % 5) {
                case 0: fake.key(key, FakeProvider.Behaviour.VALID); break;
                case 1: fake.key(key, FakeProvider.Behaviour.RATE_LIMITED); break;
                case 2: fake.key(key, FakeProvider.Behaviour.QUOTA_EXHAUSTED); break;
                case 3: fake.revokeAfter(key, 500); break;
                default: break; // unknown to the provider
            }
        }
        fake.startHttp(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        if (fake != null) fake.close();
    }

    @Test
    void twoHundredThreadsForAMinuteWithChangingKeysAreEachCountedOnce() throws Exception {
        Path keys = Files.write(work.resolve("keys.txt"), KEYS, StandardCharsets.UTF_8);
        Path eventLog = work.resolve("events-concurrent.jsonl");
        // The reporting thread counts in batches, and with 200 threads calling it can be a few hundred exchanges
        // behind when the program prints its transcript: the test scrapes until as many as the program made are
        // counted, and fails if more are, or if some never are.
        ClientsIT.Run run = runForkedUntil(Jdks.homes().get(0), System.getProperty("java.class.path"), work,
                List.of(), eventLog, transcript -> counted(calls(outcomes(transcript))), SECONDS + 60,
                LoadProgram.class.getName(), "concurrent", url(), keys.toString(), String.valueOf(THREADS),
                String.valueOf(SECONDS));

        Map<String, Long> outcomes = outcomes(run.transcript);
        assertThat(outcomes.keySet()).as("the application saw only the provider's answers")
                .allMatch(o -> o.startsWith("status="));
        long calls = calls(outcomes);
        assertThat(calls).as("calls made in a minute").isGreaterThan(10_000);

        PrometheusText m = new PrometheusText(run.metrics);
        assertThat(m.sum("keywatch_llm_responses_total")).as("every call counted once").isEqualTo(calls);
        for (Map.Entry<String, Long> o : outcomes.entrySet()) {
            String status = o.getKey().substring("status=".length());
            assertThat(m.sum("keywatch_llm_responses_total", "status", status)).as("calls answered " + status)
                    .isEqualTo(o.getValue().longValue());
        }
        assertThat(m.sum("keywatch_llm_responses_total", "reason", "revoked_key")).as("keys revoked mid-run")
                .isPositive();
        assertThat(m.sum("keywatch_key_state", "key", fingerprint(KEYS.get(0)), "state", "healthy")).isEqualTo(1);
        // Thousands of failures a second fill the event queue: lines are dropped and counted (component "events"),
        // never waited for. Nothing else may be swallowed.
        assertThat(m.sum("keywatch_agent_errors_total") - m.sum("keywatch_agent_errors_total", "component", "events"))
                .as("exceptions the agent swallowed\n" + run.metrics).isZero();
        LeakScan.assertNoKeyMaterial("stderr", run.stderr, KEYS);
        LeakScan.assertNoKeyMaterial("metrics", run.metrics, KEYS);
    }

    @Test
    void aHundredThousandDistinctKeysKeepSeriesAndMemoryBounded() throws Exception {
        Path eventLog = work.resolve("events-distinct.jsonl");
        ClientsIT.Run run = runForkedUntil(Jdks.homes().get(0), System.getProperty("java.class.path"), work,
                List.of(), eventLog, transcript -> counted(DISTINCT_KEYS + 1000), 300, LoadProgram.class.getName(),
                "distinct", url(), "8", String.valueOf(DISTINCT_KEYS));

        assertThat(run.transcript).as("the application's calls, and its heap")
                .contains("status=401 " + DISTINCT_KEYS).contains("heap-growth-under-16mb=true")
                .doesNotContain("error=");
        PrometheusText m = new PrometheusText(run.metrics);
        assertThat(m.sum("keywatch_llm_responses_total", "reason", "invalid_key")).isEqualTo(DISTINCT_KEYS + 1000);
        // keywatch.keys.max (100) keys get series of their own; every other key is counted under "other".
        assertThat(m.samples("keywatch_llm_responses_total")).as("response series").hasSizeLessThanOrEqualTo(101);
        assertThat(m.samples("keywatch_key_state").stream().map(sample -> sample.labels.get("key")).distinct())
                .as("keys with state series").hasSizeLessThanOrEqualTo(100);
        assertThat(m.sum("keywatch_llm_responses_total", "key", "other")).isGreaterThan(DISTINCT_KEYS - 100);
        assertThat(m.sum("keywatch_agent_errors_total")).as("exceptions the agent swallowed").isZero();
        assertThat(Files.size(eventLog)).as("the event log rotates at its size limit").isLessThanOrEqualTo(10L << 20);
    }

    private static long calls(Map<String, Long> outcomes) {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> outcomes(String transcript) {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (String line : transcript.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && (parts[0].startsWith("status=") || parts[0].startsWith("error="))) {
                outcomes.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return outcomes;
    }

    private static String url() {
        return "http://api.openai.com:" + fake.httpPort() + "/v1/chat/completions";
    }
}
