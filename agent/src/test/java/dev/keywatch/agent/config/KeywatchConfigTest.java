package dev.keywatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywatchConfigTest {
    private final List<String> warnings = new ArrayList<>();

    private KeywatchConfig load(String args, Properties props, Map<String, String> env) {
        return KeywatchConfig.load(ConfigSource.of(args, props, env, warnings::add), warnings::add);
    }

    @Test
    void defaults() {
        KeywatchConfig c = load(null, new Properties(), new HashMap<>());
        assertThat(c.enabled()).isTrue();
        assertThat(c.prometheusPort()).isEqualTo(9477);
        assertThat(c.prometheusHost()).isEqualTo("0.0.0.0");
        assertThat(c.keysMax()).isEqualTo(100);
        assertThat(c.bodyMaxBytes()).isEqualTo(8192);
        assertThat(c.spans()).isEqualTo("errors");
        assertThat(c.log()).isEqualTo("stderr");
        assertThat(c.keyHints()).isTrue();
        assertThat(c.startupCheck()).isTrue();
        assertThat(c.instrumentationEnabled("okhttp")).isTrue();
        assertThat(warnings).isEmpty();
    }

    @Test
    void agentArgumentsBeatPropertiesBeatEnvironmentBeatTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keywatch.properties");
        Files.write(file, "keywatch.keys.max=7\nkeywatch.body.max-bytes=100\nkeywatch.spans=all\nkeywatch.log=off\n".getBytes());
        Properties props = new Properties();
        props.setProperty("keywatch.body.max-bytes", "200");
        props.setProperty("keywatch.spans", "off");
        Map<String, String> env = new HashMap<>();
        env.put("KEYWATCH_CONFIG", file.toString());
        env.put("KEYWATCH_SPANS", "errors");
        env.put("KEYWATCH_LOG", "stderr");
        env.put("KEYWATCH_INSTRUMENTATION_JDK_HTTPCLIENT_ENABLED", "false");
        KeywatchConfig c = load("body.max-bytes=300,keywatch.prometheus.port=0", props, env);
        assertThat(c.bodyMaxBytes()).isEqualTo(300);
        assertThat(c.spans()).isEqualTo("off");
        assertThat(c.log()).isEqualTo("stderr");
        assertThat(c.keysMax()).isEqualTo(7);
        assertThat(c.prometheusPort()).isZero();
        assertThat(c.instrumentationEnabled("jdk-httpclient")).isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aBadValueIsOneLineAndTheDefault() {
        KeywatchConfig c = load("prometheus.port=http,keys.max=-1,spans=sometimes,enabled=yes,providers=nohost;a.example=acme,bogus=1",
                new Properties(), new HashMap<>());
        assertThat(c.prometheusPort()).isEqualTo(9477);
        assertThat(c.keysMax()).isEqualTo(100);
        assertThat(c.spans()).isEqualTo("errors");
        assertThat(c.enabled()).isTrue();
        assertThat(c.providers()).containsOnlyKeys("a.example");
        assertThat(warnings).hasSize(6);
        assertThat(warnings).anySatisfy(w -> assertThat(w)
                .isEqualTo("invalid value 'http' for keywatch.prometheus.port (expected a port from 0 (off) to 65535); using 9477"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("unknown setting keywatch.bogus"));
    }
}
