package dev.keywatch.capture;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The other direction of {@link TeeInputStream}: for clients whose entity writes its body into a
 * stream the application hands it. Writes go through unchanged; the first bytes are copied.
 */
public final class TeeOutputStream extends FilterOutputStream {
    private final BodySnippet snippet;
    private final PendingExchange exchange;
    private boolean done;

    public TeeOutputStream(OutputStream out, BodySnippet snippet, PendingExchange exchange) {
        super(out);
        this.snippet = snippet;
        this.exchange = exchange;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        if (!done && snippet.append(b)) {
            finish();
        }
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        if (!done && snippet.append(buffer, offset, length)) {
            finish();
        }
    }

    /** The body has been written (or writing failed): the copy is complete. */
    public void finish() {
        if (!done) {
            done = true;
            exchange.bodyFinished();
        }
    }
}
