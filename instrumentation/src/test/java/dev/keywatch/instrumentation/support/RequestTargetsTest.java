package dev.keywatch.instrumentation.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetsTest {
    @Test
    void splitsOriginFormTargets() {
        assertThat(RequestTargets.path("/v1/chat/completions")).isEqualTo("/v1/chat/completions");
        assertThat(RequestTargets.query("/v1/chat/completions")).isNull();
        assertThat(RequestTargets.path("/v1beta/models/m:generateContent?key=AIza1&alt=sse"))
                .isEqualTo("/v1beta/models/m:generateContent");
        assertThat(RequestTargets.query("/v1beta/models/m:generateContent?key=AIza1&alt=sse"))
                .isEqualTo("key=AIza1&alt=sse");
    }

    @Test
    void dropsTheOriginOfAbsoluteTargetsSentToProxies() {
        assertThat(RequestTargets.path("https://api.openai.com:8443/v1/models?x=1")).isEqualTo("/v1/models");
        assertThat(RequestTargets.path("https://api.openai.com")).isEqualTo("/");
        assertThat(RequestTargets.query("https://api.openai.com/v1/models?x=1#frag")).isEqualTo("x=1");
    }

    @Test
    void aUrlInTheQueryIsNotAnOrigin() {
        assertThat(RequestTargets.path("/v1/files?next=https://example.com/a")).isEqualTo("/v1/files");
    }

    @Test
    void aUrlThatIsNotAUriIsNoTarget() {
        assertThat(RequestTargets.uri("https://api.openai.com/v1/models")).hasHost("api.openai.com");
        assertThat(RequestTargets.uri("https://example.com/a b|c")).isNull();
        assertThat(RequestTargets.uri(null)).isNull();
    }

    @Test
    void defaultPortsComeFromTheScheme() {
        assertThat(RequestTargets.effectivePort(-1, "https")).isEqualTo(443);
        assertThat(RequestTargets.effectivePort(-1, "HTTP")).isEqualTo(80);
        assertThat(RequestTargets.effectivePort(8443, "https")).isEqualTo(8443);
        assertThat(RequestTargets.effectivePort(-1, "ftp")).isEqualTo(-1);
        assertThat(RequestTargets.effectivePort(-1, null)).isEqualTo(-1);
    }
}
