package dev.keywatch.exporter.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
    @TempDir
    Path dir;

    static CallEvent event(int n) {
        return CallEvent.builder().startEpochNanos(1_700_000_000_000_000_000L).durationNanos(42_000_000L)
                .client("okhttp").provider("openai").host("api.openai.com").port(443).method("POST")
                .path("/v1/chat/completions").status(429).category("quota").reason("quota_exhausted")
                .providerCode("insufficient_quota").requestId("req_" + n).keyLabel("kf_0123abcd")
                .fingerprint("kf_0123abcd").hint("sk-proj-\u2026Ab3d").retryAfterSeconds(20).retryAttempt(2).build();
    }

    @Test
    void oneLineHoldsEveryFieldOfTheContract() {
        String line = EventLog.line(event(7), "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
        assertThat(line).isEqualTo("{\"time\":\"2023-11-14T22:13:20.042Z\",\"event\":\"keywatch.llm_call_failed\","
                + "\"client\":\"okhttp\",\"provider\":\"openai\",\"host\":\"api.openai.com\",\"method\":\"POST\","
                + "\"path\":\"/v1/chat/completions\",\"status\":429,\"category\":\"quota\",\"reason\":\"quota_exhausted\","
                + "\"provider_code\":\"insufficient_quota\",\"request_id\":\"req_7\",\"key\":\"kf_0123abcd\","
                + "\"key_fingerprint\":\"kf_0123abcd\",\"key_hint\":\"sk-proj-\u2026Ab3d\",\"retry_after_seconds\":20.0,"
                + "\"retry_attempt\":2,\"duration_ms\":42,\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                + "\"span_id\":\"00f067aa0ba902b7\"}" + System.lineSeparator());
    }

    @Test
    void aFileRotatesBySizeAndKeepsTheBackupsItIsAllowed() throws Exception {
        Path file = dir.resolve("keywatch.jsonl");
        int lineLength = EventLog.line(event(100), null, null).getBytes(StandardCharsets.UTF_8).length;
        EventLog log = EventLog.open(file.toString(), lineLength * 3L, 2, w -> { throw new AssertionError(w); });
        for (int i = 100; i < 120; i++) {
            log.write(event(i), null, null);
        }
        log.flush();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactlyInAnyOrder("keywatch.jsonl", "keywatch.jsonl.1", "keywatch.jsonl.2");
        }
        List<String> newest = Files.readAllLines(file);
        assertThat(newest).hasSize(2);
        assertThat(newest.get(1)).contains("\"request_id\":\"req_119\"");
        assertThat(Files.readAllLines(dir.resolve("keywatch.jsonl.1"))).hasSize(3)
                .last().asString().contains("\"request_id\":\"req_117\"");
        assertThat(Files.size(file)).isLessThanOrEqualTo(lineLength * 3L);
    }

    @Test
    void anUnwritablePathFallsBackToStandardErrorWithOneWarning() {
        StringBuilder warnings = new StringBuilder();
        EventLog log = EventLog.open(dir.resolve("missing-dir/keywatch.jsonl").toString(), 1000, 1,
                w -> warnings.append(w).append('\n'));
        assertThat(log.enabled()).isTrue();
        assertThat(warnings.toString()).startsWith("cannot open keywatch.log=").endsWith("stderr\n");
    }
}
