package dev.keywatch.instrumentation.apache;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.TeeInputStream;
import dev.keywatch.capture.TeeOutputStream;
import dev.keywatch.instrumentation.support.DelegatingProxy;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;

/**
 * An HttpClient 5 response entity that copies the first bytes of an error body as the application reads
 * it, through {@code getContent} or {@code writeTo}; every call is the wrapped entity's own.
 */
final class EntityTee extends DelegatingProxy {
    private final PendingExchange exchange;
    private BodySnippet snippet;
    private InputStream content;
    private TeeInputStream tee;

    EntityTee(Object entity, PendingExchange exchange) {
        super(entity);
        this.exchange = exchange;
    }

    @Override
    protected Object intercept(Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getContent":
                return content((InputStream) pass(method, args));
            case "writeTo":
                if (args != null && args.length == 1 && args[0] instanceof OutputStream) {
                    TeeOutputStream out = new TeeOutputStream((OutputStream) args[0], snippet(), exchange);
                    try {
                        return pass(method, new Object[] {out});
                    } finally {
                        out.finish();
                    }
                }
                return pass(method, args);
            case "close":
                try {
                    return pass(method, args);
                } finally {
                    snippet();
                    exchange.bodyFinished();
                }
            default:
                return pass(method, args);
        }
    }

    /** The body is expected from now on: read, closed, or waited for. */
    void begin() {
        snippet();
    }

    /** The first stream is teed; the same stream asked for again gets the same tee. */
    private synchronized InputStream content(InputStream stream) {
        if (stream == null) {
            return null;
        }
        if (tee == null) {
            content = stream;
            tee = new TeeInputStream(stream, snippet(), exchange);
            return tee;
        }
        return stream == content ? tee : stream;
    }

    private synchronized BodySnippet snippet() {
        if (snippet == null) {
            snippet = exchange.startBody();
        }
        return snippet;
    }
}
