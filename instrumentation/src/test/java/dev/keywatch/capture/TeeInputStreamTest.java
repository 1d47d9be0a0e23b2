package dev.keywatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keywatch.credential.CredentialReducer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeeInputStreamTest {
    private static final byte[] BODY = "{\"error\":{\"code\":\"invalid_api_key\"}}".getBytes(StandardCharsets.UTF_8);

    private final List<CapturedExchange> reported = new ArrayList<>();
    private BodySnippet snippet;
    // A body wait far longer than the test: a report can only come from the tee itself.
    private final CaptureSettings settings = new CaptureSettings((host, port) -> "openai", new CredentialReducer(null, true),
            reported::add, (c, e) -> { throw new AssertionError(c, e); }, 8192, 600_000, client -> null);

    @Test
    void passesEveryByteAndReportsAtTheEndOfTheBody() throws IOException {
        PendingExchange exchange = unauthorized();
        InputStream tee = new TeeInputStream(new ByteArrayInputStream(BODY), snippet, exchange);
        assertThat(tee.readAllBytes()).isEqualTo(BODY);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).body()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
    }

    /**
     * Some clients drop a stream whose read failed without closing it (HttpClient 4's EOF sensor): the copy
     * must end at the failure, and the application get the very exception the body threw.
     */
    @Test
    void aBodyCutShortReportsAtTheFailureAndThrowsTheSameException() {
        PendingExchange exchange = unauthorized();
        IOException cut = new IOException("Premature end of Content-Length delimited message body");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(BODY, 0, 10), new InputStream() {
            @Override
            public int read() throws IOException {
                throw cut;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw cut;
            }
        });
        InputStream tee = new TeeInputStream(failing, snippet, exchange);
        assertThatThrownBy(tee::readAllBytes).isSameAs(cut);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).body()).isEqualTo(new String(BODY, 0, 10, StandardCharsets.UTF_8));
    }

    private PendingExchange unauthorized() {
        PendingExchange exchange = new PendingExchange(settings, "test", getClass(), "openai", "api.openai.com", 443)
                .describeRequest("POST", "/v1/chat/completions", Collections.emptyList(), -1);
        assertThat(exchange.onResponse(401, Collections.emptyMap())).isTrue();
        snippet = exchange.startBody();
        exchange.responseFinished();
        assertThat(reported).isEmpty();
        return exchange;
    }
}
