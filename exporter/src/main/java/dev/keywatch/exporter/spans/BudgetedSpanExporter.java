package dev.keywatch.exporter.spans;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * The configured exporter, giving back the spans' places in the {@link SpanBudget} as the batch
 * processor hands them over, and counting every failed export (collector down, refused, timed out)
 * as {@code keywatch_agent_errors_total{component="otlp"}} instead of the SDK's own log lines.
 */
final class BudgetedSpanExporter implements SpanExporter {
    private final SpanExporter delegate;
    private final SpanBudget budget;
    private final BiConsumer<String, Throwable> errors;

    /** @param budget null when another exporter of the same spans gives their places back */
    BudgetedSpanExporter(SpanExporter delegate, SpanBudget budget, BiConsumer<String, Throwable> errors) {
        this.delegate = delegate;
        this.budget = budget;
        this.errors = errors;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        if (budget != null) {
            budget.release(spans.size());
        }
        CompletableResultCode result;
        try {
            result = delegate.export(spans);
        } catch (RuntimeException e) {
            errors.accept("otlp", e);
            return CompletableResultCode.ofFailure();
        }
        result.whenComplete(() -> {
            if (!result.isSuccess()) {
                Throwable cause = result.getFailureThrowable();
                // Not the exporter's description: its headers may hold the collector's credentials.
                errors.accept("otlp", new IOException("OTLP export of " + spans.size() + " span(s) failed", cause));
            }
        });
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
