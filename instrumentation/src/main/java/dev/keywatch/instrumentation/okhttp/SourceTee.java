package dev.keywatch.instrumentation.okhttp;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.instrumentation.support.Accessor;
import dev.keywatch.instrumentation.support.DelegatingProxy;
import java.io.OutputStream;
import java.lang.reflect.Method;

/**
 * The {@code okio.Source} under an error body: every read is the wrapped source's own, and the bytes a
 * read has just added to the reader's buffer are copied out of that buffer without being consumed. The
 * copy ends at the end of the body, when the snippet is full, or at close; whatever the application
 * does not read is never waited for.
 */
final class SourceTee extends DelegatingProxy {
    private static final Accessor BUFFER_SIZE = Accessor.of("size");
    private static final Accessor BUFFER_COPY_TO = Accessor.of("copyTo", OutputStream.class, long.class, long.class);

    private final BodySnippet snippet;
    private final PendingExchange exchange;
    private final ErrorReporter errors;
    private volatile boolean done;

    SourceTee(Object source, BodySnippet snippet, PendingExchange exchange, ErrorReporter errors) {
        super(source);
        this.snippet = snippet;
        this.exchange = exchange;
        this.errors = errors;
    }

    @Override
    protected Object intercept(Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "read": {
                Object read;
                try {
                    read = pass(method, args);
                } catch (Throwable t) {
                    finish(); // a body cut short: the copy ends with what arrived
                    throw t;
                }
                if (!done && read instanceof Long && args != null && args.length == 2) {
                    copy(args[0], (Long) read);
                }
                return read;
            }
            case "close":
                try {
                    return pass(method, args);
                } finally {
                    finish();
                }
            default:
                return pass(method, args);
        }
    }

    private void copy(Object sink, long read) {
        if (read < 0) {
            finish();
            return;
        }
        try {
            // One byte past the room left marks the copy as truncated.
            long count = Math.min(read, snippet.room() + 1L);
            long size = (Long) BUFFER_SIZE.call(sink);
            BUFFER_COPY_TO.call(sink, new SnippetStream(snippet), size - read, count);
            if (snippet.isFull()) {
                finish();
            }
        } catch (Throwable t) {
            errors.report(OkHttpCapture.CLIENT, t);
            finish();
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            exchange.bodyFinished();
        }
    }

    /** Where {@code Buffer.copyTo} writes: straight into the snippet. */
    private static final class SnippetStream extends OutputStream {
        private final BodySnippet snippet;

        SnippetStream(BodySnippet snippet) {
            this.snippet = snippet;
        }

        @Override
        public void write(int b) {
            snippet.append(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            snippet.append(bytes, offset, length);
        }
    }
}
