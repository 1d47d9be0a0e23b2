package dev.keywatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {
    @Test
    void readsTheFileAsDotenvToolsDo() {
        Map<String, String> env = DotEnv.parse(String.join("\n",
                "# a comment",
                "OPENAI_API_KEY=sk-plain   ",
                "export ANTHROPIC_API_KEY = sk-ant-spaced # inline comment",
                "GEMINI_API_KEY=\"AIza-quoted \"",
                "GROQ_API_KEY='gsk_literal\\n'",
                "XAI_API_KEY=\"xai-escaped\\n\"",
                "MULTI=\"line one",
                "line two\"",
                "BROKEN=\"unclosed",
                "",
                "EMPTY=",
                "NOT A PAIR",
                "WINDOWS=crlf\r",
                "HASH=abc#def"));
        assertThat(env).containsEntry("OPENAI_API_KEY", "sk-plain")
                .containsEntry("ANTHROPIC_API_KEY", "sk-ant-spaced")
                .containsEntry("GEMINI_API_KEY", "AIza-quoted ")
                .containsEntry("GROQ_API_KEY", "gsk_literal\\n")
                .containsEntry("XAI_API_KEY", "xai-escaped\n")
                .containsEntry("MULTI", "line one\nline two")
                .containsEntry("BROKEN", "\"unclosed")
                .containsEntry("EMPTY", "")
                .containsEntry("WINDOWS", "crlf")
                .containsEntry("HASH", "abc#def")
                .doesNotContainKey("NOT A PAIR");
    }
}
