package dev.keywatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodySnippetTest {
    @Test
    void keepsEveryByteOfABodyUnderItsBoundAcrossManyAppends() {
        String body = "{\"error\":{\"message\":\"" + "x".repeat(3000) + "\",\"code\":\"invalid_api_key\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        BodySnippet snippet = new BodySnippet(8192);
        for (int i = 0; i < bytes.length; i += 100) {
            assertThat(snippet.append(bytes, i, Math.min(100, bytes.length - i))).isFalse();
        }
        assertThat(snippet.text(null)).isEqualTo(body);
        assertThat(snippet.truncated()).isFalse();
        assertThat(snippet.room()).isEqualTo(8192 - bytes.length);
    }

    @Test
    void stopsAtItsBoundAndSaysItWasCut() {
        BodySnippet snippet = new BodySnippet(1000);
        byte[] chunk = new byte[700];
        java.util.Arrays.fill(chunk, (byte) 'a');
        assertThat(snippet.append(chunk, 0, chunk.length)).isFalse();
        assertThat(snippet.append(chunk, 0, chunk.length)).as("full").isTrue();
        assertThat(snippet.append('b')).isTrue();
        assertThat(snippet.text(null)).hasSize(1000).doesNotContain("b");
        assertThat(snippet.truncated()).isTrue();
        assertThat(snippet.room()).isZero();
    }

    @Test
    void readsABufferWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap("{\"error\":\"invalid\"}".getBytes(StandardCharsets.UTF_8));
        BodySnippet snippet = new BodySnippet(8192);
        snippet.append(buffer);
        snippet.append('\n');
        assertThat(buffer.position()).isZero();
        assertThat(snippet.text(null)).isEqualTo("{\"error\":\"invalid\"}\n");
    }

    @Test
    void undoesGzipTheClientLeftInPlace() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("{\"error\":{\"code\":\"invalid_api_key\"}}".getBytes(StandardCharsets.UTF_8));
        }
        BodySnippet snippet = new BodySnippet(8192);
        byte[] bytes = zipped.toByteArray();
        snippet.append(bytes, 0, bytes.length);
        assertThat(snippet.text("gzip")).isEqualTo("{\"error\":{\"code\":\"invalid_api_key\"}}");
    }

    @Test
    void aZeroBoundCopiesNothing() {
        BodySnippet snippet = new BodySnippet(0);
        assertThat(snippet.append(new byte[10], 0, 10)).isTrue();
        assertThat(snippet.text(null)).isEmpty();
    }
}
