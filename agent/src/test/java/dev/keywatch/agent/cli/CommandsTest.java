package dev.keywatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands in-process and offline; --online and attach run against real processes in the integration tests. */
class CommandsTest {
    static final String OPENAI = "sk-proj-" + "Pq7Rs8Tu9V".repeat(7) + "wxyz" + "T3BlbkFJ" + "Mn3Op4Qr5S".repeat(7) + "Ab3d";
    static final String ANTHROPIC = "sk-ant-api03-" + "Zz9Yy8Xx7W".repeat(9) + "vut" + "AA";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String stdin, String... args) {
        return Cli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private String out() {
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private String err() {
        return new String(err.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void fingerprintMatchesTheAgentAndPrintsAliasesReadyToPaste() {
        Map<String, String> env = new HashMap<>();
        assertThat(run(env, "prod=" + OPENAI + "\nclaude=\"" + ANTHROPIC + "\"\n\n", "fingerprint", "--aliases")).isZero();
        String fp = new dev.keywatch.credential.CredentialReducer(null, true).reduceAuthorization("Bearer " + OPENAI)
                .fingerprint();
        assertThat(out()).contains(fp + "  ").contains("openai-project").contains("sk-proj-\u2026Ab3d").contains("quotes")
                .contains("keywatch.key.aliases=" + fp + "=prod;kf_");
        assertNoSecret(out() + err());
    }

    @Test
    void fingerprintHonoursTheSaltAsTheAgentDoes() {
        Map<String, String> env = new HashMap<>();
        run(env, OPENAI + "\n", "fingerprint");
        String builtIn = out().substring(0, 11);
        out.reset();
        env.put("KEYWATCH_FINGERPRINT_SALT", "team-salt");
        run(env, OPENAI + "\n", "fingerprint");
        String fromEnv = out().substring(0, 11);
        out.reset();
        run(env, OPENAI + "\n", "fingerprint", "--salt", "team-salt");
        assertThat(fromEnv).isNotEqualTo(builtIn).isEqualTo(out().substring(0, 11));
    }

    @Test
    void fingerprintWithoutInputIsAUsageError() {
        assertThat(run(new HashMap<>(), "", "fingerprint")).isEqualTo(Cli.USAGE);
        assertThat(run(new HashMap<>(), "", "fingerprint", "--bogus")).isEqualTo(Cli.USAGE);
        assertThat(run(new HashMap<>(), "", "nonsense")).isEqualTo(Cli.USAGE);
    }

    @Test
    void doctorOfflineExitsZeroForCleanKeysAndOneForABrokenOne(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", OPENAI);
        assertThat(run(env, "", "doctor")).isZero();
        assertThat(out()).contains("OPENAI_API_KEY  (environment)  ok").contains("openai at https://api.openai.com/v1")
                .contains("All 1 keys look right.");

        out.reset();
        Path dotEnv = dir.resolve(".env");
        Files.write(dotEnv, ("ANTHROPIC_API_KEY=\"" + ANTHROPIC + " \"\nOPENAI_API_KEY=ignored-the-environment-wins\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(run(env, "", "doctor", "--env-file", dotEnv.toString())).isEqualTo(Cli.BROKEN);
        assertThat(out()).contains("ANTHROPIC_API_KEY  (" + dotEnv + ")  BROKEN").contains("problem: trailing_whitespace")
                .contains("OPENAI_API_KEY  (environment)  ok").contains("1 of 2 keys broken.");
        assertNoSecret(out() + err());
    }

    @Test
    void doctorJsonNamesFindingsAndTheProviderTheKeyReaches() {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", ANTHROPIC);
        env.put("OPENAI_BASE_URL", "https://user:secret@llm-gateway.internal/v1?token=abc");
        env.put("GROQ_API_KEY", "None");
        assertThat(run(env, "", "doctor", "--json")).isEqualTo(Cli.BROKEN);
        String json = out().trim();
        assertThat(json).startsWith("{\"version\":").contains("\"ok\":false")
                .contains("\"variable\":\"OPENAI_API_KEY\"")
                .contains("\"base_url\":\"https://llm-gateway.internal/v1\"")
                .contains("\"target_provider\":null")
                .contains("\"variable\":\"GROQ_API_KEY\"").contains("\"findings\":[\"placeholder\"]")
                .contains("\"not_set\":[").doesNotContain("secret").doesNotContain("token=abc");
        assertNoSecret(json);
    }

    private static void assertNoSecret(String output) {
        for (String key : new String[] {OPENAI, ANTHROPIC}) {
            String prefix = key.startsWith("sk-ant-api03-") ? "sk-ant-api03-" : "sk-proj-";
            String secret = key.substring(prefix.length(), key.length() - 4);
            for (int i = 0; i + 8 <= secret.length(); i++) {
                assertThat(output).doesNotContain(secret.substring(i, i + 8));
            }
        }
    }
}
