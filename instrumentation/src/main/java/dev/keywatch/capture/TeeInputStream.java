package dev.keywatch.capture;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes an error body through to the application unchanged while copying its first bytes. The
 * application's reads, exceptions and end of stream are exactly the wrapped stream's.
 */
public final class TeeInputStream extends FilterInputStream {
    private final BodySnippet snippet;
    private final PendingExchange exchange;
    private boolean done;

    public TeeInputStream(InputStream in, BodySnippet snippet, PendingExchange exchange) {
        super(in);
        this.snippet = snippet;
        this.exchange = exchange;
    }

    /** True when this tee passes through exactly that stream. */
    public boolean wraps(InputStream stream) {
        return in == stream;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (Throwable t) {
            finish();
            throw t;
        }
        if (b >= 0) {
            if (!done) copied(snippet.append(b));
        } else {
            finish();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (Throwable t) {
            // A body cut short: the copy ends with what arrived (the client may never close this stream).
            finish();
            throw t;
        }
        if (n > 0) {
            if (!done) copied(snippet.append(buffer, offset, n));
        } else if (n < 0) {
            finish();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are not seen; the copy ends here with what it has.
        finish();
        return in.skip(n);
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            finish();
        }
    }

    @Override
    public synchronized void mark(int readLimit) {
        // Bytes re-read after a reset would be copied twice; the copy ends at the mark.
        finish();
        in.mark(readLimit);
    }

    private void copied(boolean full) {
        if (full) {
            finish();
        }
    }

    /** Stops copying; the exchange reports once and never throws. */
    private void finish() {
        if (!done) {
            done = true;
            exchange.bodyFinished();
        }
    }
}
