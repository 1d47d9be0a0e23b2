package dev.keywatch.exporter.spans;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetedSpanExporterTest {
    private final List<Throwable> errors = new ArrayList<>();

    @Test
    void aFailedExportIsCountedOnceAndGivesItsPlacesBack() {
        SpanBudget budget = new SpanBudget(5);
        budget.tryAcquire();
        BudgetedSpanExporter exporter = new BudgetedSpanExporter(failing(), budget, (c, e) -> {
            assertThat(c).isEqualTo("otlp");
            errors.add(e);
        });
        CompletableResultCode result = exporter.export(Collections.<SpanData>nCopies(1, null));
        assertThat(result.isSuccess()).isFalse();
        assertThat(budget.inFlight()).isZero();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).hasMessageContaining("1 span(s) failed").hasRootCauseMessage("Connection refused");
    }

    @Test
    void theBudgetNeverGoesPastItsCapacity() {
        SpanBudget budget = new SpanBudget(2);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
        budget.release(1);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.inFlight()).isEqualTo(2);
    }

    private static SpanExporter failing() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofExceptionalFailure(new ConnectException("Connection refused"));
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
