package dev.keywatch.instrumentation.jdkhttp;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.capture.PendingExchange;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.net.http.HttpResponse;

/**
 * Copies the first bytes of an error body from duplicates of the buffers, before handing the very
 * same buffers to the application's subscriber.
 */
final class TeeBodySubscriber<T> implements HttpResponse.BodySubscriber<T> {
    private final HttpResponse.BodySubscriber<T> delegate;
    private final BodySnippet snippet;
    private final PendingExchange exchange;
    private final ErrorReporter errors;
    private volatile boolean done;

    TeeBodySubscriber(HttpResponse.BodySubscriber<T> delegate, BodySnippet snippet, PendingExchange exchange,
                      ErrorReporter errors) {
        this.delegate = delegate;
        this.snippet = snippet;
        this.exchange = exchange;
        this.errors = errors;
    }

    @Override
    public CompletionStage<T> getBody() {
        return delegate.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        delegate.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                subscription.request(n);
            }

            @Override
            public void cancel() {
                finish();
                subscription.cancel();
            }
        });
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (!done) {
            try {
                for (ByteBuffer item : items) {
                    if (snippet.append(item)) {
                        finish();
                        break;
                    }
                }
            } catch (Throwable t) {
                errors.report("jdk-httpclient", t);
            }
        }
        delegate.onNext(items);
    }

    @Override
    public void onError(Throwable throwable) {
        finish();
        delegate.onError(throwable);
    }

    @Override
    public void onComplete() {
        finish();
        delegate.onComplete();
    }

    /** Stops copying; the exchange reports once and never throws. */
    private void finish() {
        if (!done) {
            done = true;
            exchange.bodyFinished();
        }
    }
}
