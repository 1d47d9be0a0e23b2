package dev.keywatch.agent.pipeline;

import dev.keywatch.agent.classify.Classification;
import dev.keywatch.agent.classify.Classifier;
import dev.keywatch.agent.classify.Reason;
import dev.keywatch.agent.keys.KeyMemory;
import dev.keywatch.agent.keys.KeyRecord;
import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.capture.ExchangeSink;
import dev.keywatch.capture.trace.TraceParent;
import dev.keywatch.credential.ReducedCredential;
import dev.keywatch.exporter.KeywatchMetrics;
import dev.keywatch.exporter.ResponseRecord;
import dev.keywatch.exporter.events.CallEvent;
import dev.keywatch.exporter.events.CallEvents;
import java.util.function.Supplier;

/**
 * capture → classify → remember → export, for every finished exchange, whose late details (see
 * {@link dev.keywatch.capture.LateDetails}) are read first. Metrics are counted on the
 * reporting thread (a few counter increments); spans and log lines are handed to the event thread.
 */
public final class Pipeline implements ExchangeSink {
    public static final String NO_KEY = "none";

    private final Classifier classifier;
    private final KeyMemory memory;
    private final Supplier<KeywatchMetrics> metrics;
    private final CallEvents events;

    public Pipeline(Classifier classifier, KeyMemory memory, Supplier<KeywatchMetrics> metrics, CallEvents events) {
        this.classifier = classifier;
        this.memory = memory;
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public void accept(CapturedExchange captured) {
        CapturedExchange exchange = captured.completed();
        if (exchange == null) {
            return; // an OTLP export to a host that shares an LLM host's name
        }
        Classification c = classifier.classify(exchange);
        Reason reason = c.reason();
        ReducedCredential credential = c.credential();
        long at = exchange.startEpochMillis() + exchange.durationNanos() / 1_000_000;

        KeyRecord record = null;
        String keyLabel = NO_KEY;
        if (credential != null && credential.fingerprint() != null) {
            record = memory.track(exchange.provider(), credential.fingerprint());
            keyLabel = record == null ? KeyMemory.OTHER : record.key();
        }
        if (reason == Reason.INVALID_KEY && record != null && record.everSucceeded()) {
            reason = Reason.REVOKED_KEY; // it worked in this process before: rotated or revoked since
        }

        KeywatchMetrics m = metrics.get();
        if (record != null) {
            record.record(reason, at, c);
            m.trackKey(record);
            if (c.reportsRateLimits()) {
                for (int i = 0; i < KeywatchMetrics.RATE_LIMITS.size(); i++) {
                    if (c.rateLimitCount(i) != null) {
                        m.trackRateLimit(record, KeywatchMetrics.RATE_LIMITS.get(i));
                    }
                }
            }
        }
        m.recordResponse(new ResponseRecord(exchange.provider(), exchange.host(), exchange.status(),
                reason.category(), reason.label(), keyLabel, exchange.durationNanos() / 1e9));

        if (events.wants(reason != Reason.OK)) {
            events.publish(event(exchange, c, reason, credential, keyLabel));
        }
    }

    private static CallEvent event(CapturedExchange exchange, Classification c, Reason reason,
                                   ReducedCredential credential, String keyLabel) {
        CallEvent.Builder e = CallEvent.builder()
                .startEpochNanos(exchange.startEpochMillis() * 1_000_000)
                .durationNanos(exchange.durationNanos())
                .client(exchange.client())
                .provider(exchange.provider())
                .host(exchange.host())
                .port(exchange.port())
                .method(exchange.method())
                .path(exchange.path())
                .status(exchange.status())
                .category(reason.category())
                .reason(reason.label())
                .providerCode(c.providerCode())
                .requestId(c.requestId())
                .keyLabel(keyLabel)
                .fingerprint(credential == null ? null : credential.fingerprint())
                .hint(credential == null || credential.hint().isEmpty() ? null : credential.hint())
                .retryAfterSeconds(c.retryAfterSeconds())
                .retryAttempt(exchange.retryAttempt())
                .transportError(exchange.transportError());
        TraceParent parent = exchange.traceParent();
        if (parent != null) {
            e.parent(parent.traceId(), parent.spanId(), parent.sampled(), parent.traceState());
        }
        return e.build();
    }
}
