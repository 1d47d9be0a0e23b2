package dev.keywatch.instrumentation.jdkhttp;

import dev.keywatch.capture.BodySnippet;
import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.capture.PendingExchange;
import dev.keywatch.capture.ResponseHeaders;
import java.net.http.HttpResponse;

/**
 * Sees status and headers before any body byte; for an error status it hands the application's own
 * subscriber a tee, for everything else the subscriber itself.
 */
final class TeeBodyHandler<T> implements HttpResponse.BodyHandler<T> {
    private final HttpResponse.BodyHandler<T> delegate;
    private final PendingExchange exchange;
    private final ErrorReporter errors;

    TeeBodyHandler(HttpResponse.BodyHandler<T> delegate, PendingExchange exchange, ErrorReporter errors) {
        this.delegate = delegate;
        this.exchange = exchange;
        this.errors = errors;
    }

    @Override
    public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
        boolean copyBody = false;
        try {
            copyBody = exchange.onResponse(info.statusCode(), ResponseHeaders.keptFirstValues(info.headers().map()));
        } catch (Throwable t) {
            errors.report("jdk-httpclient", t);
        }
        HttpResponse.BodySubscriber<T> subscriber = delegate.apply(info);
        HttpResponse.BodySubscriber<T> result = subscriber;
        try {
            if (copyBody && subscriber != null) {
                BodySnippet snippet = exchange.startBody();
                result = new TeeBodySubscriber<>(subscriber, snippet, exchange, errors);
            }
            // The response is here: report now (or once the error body is copied), before the
            // application's future completes, so that its next call never overtakes this one.
            exchange.responseFinished();
        } catch (Throwable t) {
            errors.report("jdk-httpclient", t);
        }
        return result;
    }
}
