package dev.keywatch.instrumentation.apache;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.instrumentation.support.DelegatingProxy;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * HttpClient 5's {@code AsyncDataConsumer} for an error body: copies from a duplicate of each buffer
 * before the application's consumer reads the buffer itself.
 */
final class DataConsumerTee extends DelegatingProxy {
    private final BodySnippet snippet;
    private final PendingExchange exchange;
    private volatile boolean done;

    DataConsumerTee(Object consumer, BodySnippet snippet, PendingExchange exchange) {
        super(consumer);
        this.snippet = snippet;
        this.exchange = exchange;
    }

    @Override
    protected Object intercept(Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "consume":
                if (!done && args != null && args.length == 1 && args[0] instanceof ByteBuffer
                        && snippet.append((ByteBuffer) args[0])) {
                    finish();
                }
                return pass(method, args);
            case "streamEnd":
            case "releaseResources":
                try {
                    return pass(method, args);
                } finally {
                    finish();
                }
            default:
                return pass(method, args);
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            exchange.bodyFinished();
        }
    }
}
