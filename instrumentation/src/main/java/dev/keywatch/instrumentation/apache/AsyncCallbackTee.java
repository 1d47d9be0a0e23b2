package dev.keywatch.instrumentation.apache;

import dev.keywatch.capture.PendingExchange;
import dev.keywatch.instrumentation.support.DelegatingProxy;
import java.lang.reflect.Method;

/**
 * HttpClient 5's {@code AsyncExecCallback} for one exchange: learns the status and headers in
 * {@code handleResponse}, copies an error body from the data consumer the application's side returns,
 * and the end in {@code completed} or {@code failed}. The application's callback sees every call as before.
 */
final class AsyncCallbackTee extends DelegatingProxy {
    private final ApacheHttpClient5Capture.Started started;
    private final ApacheHttpClient5Capture capture;

    AsyncCallbackTee(Object callback, ApacheHttpClient5Capture.Started started, ApacheHttpClient5Capture capture) {
        super(callback);
        this.started = started;
        this.capture = capture;
    }

    @Override
    protected Object intercept(Method method, Object[] args) throws Throwable {
        PendingExchange exchange = started.exchange;
        switch (method.getName()) {
            case "handleResponse": {
                boolean copyBody = false;
                try {
                    capture.describe(started);
                    copyBody = ApacheHttpClient5Capture.onResponse(exchange, args[0]);
                } catch (Throwable t) {
                    capture.settings().errors().report(ApacheHttpClient5Capture.CLIENT, t);
                }
                Object consumer = pass(method, args);
                Object result = consumer;
                try {
                    if (copyBody && consumer != null) {
                        Object tee = new DataConsumerTee(consumer, exchange.startBody(), exchange)
                                .as(ApacheHttpClient5Capture.DATA_CONSUMER_TYPE);
                        result = tee == null ? consumer : tee;
                    }
                    exchange.responseFinished();
                } catch (Throwable t) {
                    capture.settings().errors().report(ApacheHttpClient5Capture.CLIENT, t);
                }
                return result;
            }
            case "completed":
                try {
                    return pass(method, args);
                } finally {
                    exchange.responseFinished();
                }
            case "failed":
                try {
                    capture.describe(started);
                    exchange.failed(args == null ? null : (Throwable) args[0]);
                } catch (Throwable t) {
                    capture.settings().errors().report(ApacheHttpClient5Capture.CLIENT, t);
                }
                return pass(method, args);
            default:
                return pass(method, args);
        }
    }
}
