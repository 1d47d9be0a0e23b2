package dev.keywatch.agent.pipeline;

import dev.keywatch.agent.classify.Classification;
import dev.keywatch.agent.classify.Classifier;
import dev.keywatch.agent.classify.Reason;
import dev.keywatch.agent.keys.KeyMemory;
import dev.keywatch.agent.keys.KeyRecord;
import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.capture.ExchangeSink;
import dev.keywatch.credential.ReducedCredential;
import dev.keywatch.exporter.KeywatchMetrics;
import dev.keywatch.exporter.ResponseRecord;
import java.util.Map;
import java.util.function.Supplier;

/** capture → classify → remember → export, for every finished exchange. */
public final class Pipeline implements ExchangeSink {
    public static final String NO_KEY = "none";

    private final Classifier classifier;
    private final KeyMemory memory;
    private final Supplier<KeywatchMetrics> metrics;
    private final EventLog eventLog;

    public Pipeline(Classifier classifier, KeyMemory memory, Supplier<KeywatchMetrics> metrics, EventLog eventLog) {
        this.classifier = classifier;
        this.memory = memory;
        this.metrics = metrics;
        this.eventLog = eventLog;
    }

    @Override
    public void accept(CapturedExchange exchange) {
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
            record.record(reason, at, c.rateLimitRemaining());
            m.trackKey(record);
            for (Map.Entry<String, Double> limit : c.rateLimitRemaining().entrySet()) {
                m.trackRateLimit(record, limit.getKey());
            }
        }
        m.recordResponse(new ResponseRecord(exchange.provider(), exchange.host(), exchange.status(),
                reason.category(), reason.label(), keyLabel, exchange.durationNanos() / 1e9));

        if (reason != Reason.OK && eventLog.enabled()) {
            EventLog.Event e = new EventLog.Event();
            e.epochMillis = at;
            e.client = exchange.client();
            e.provider = exchange.provider();
            e.host = exchange.host();
            e.method = exchange.method();
            e.path = exchange.path();
            e.status = exchange.status();
            e.category = reason.category();
            e.reason = reason.label();
            e.providerCode = c.providerCode();
            e.requestId = c.requestId();
            e.keyLabel = keyLabel;
            e.fingerprint = credential == null ? null : credential.fingerprint();
            e.hint = credential == null || credential.hint().isEmpty() ? null : credential.hint();
            e.retryAfterSeconds = c.retryAfterSeconds();
            e.retryAttempt = exchange.retryAttempt();
            e.transportError = exchange.transportError();
            eventLog.write(e);
        }
    }
}
