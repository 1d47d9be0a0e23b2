package dev.keywatch.exporter.spans;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spans ended but not yet handed to the exporter, at most the batch processor's queue size. Taking a
 * place before a span is made means the processor's queue can never overflow (where it would drop
 * silently): Keywatch drops and counts instead.
 */
final class SpanBudget {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int capacity;

    SpanBudget(int capacity) {
        this.capacity = capacity;
    }

    void capacity(int capacity) {
        this.capacity = capacity;
    }

    boolean tryAcquire() {
        if (inFlight.incrementAndGet() > capacity) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    void release(int n) {
        inFlight.addAndGet(-n);
    }

    int inFlight() {
        return inFlight.get();
    }
}
