package dev.keywatch.exporter.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Hands classified calls from the application's threads to one daemon thread that makes their spans
 * and writes their log lines, so that a slow disk, a blocked standard error or the tracing SDK never
 * adds to an application call. The queue is bounded: when it is full the event is dropped and counted
 * ({@code keywatch_agent_errors_total{component="events"}}), never waited for.
 */
public final class CallEvents implements AutoCloseable {
    public static final int CAPACITY = 4096;
    /** The most a dead or black-holed collector can add to the application's exit. */
    static final long FLUSH_MILLIS = 1000;

    /** Makes the span of one call; returns its trace and span id, or null when it made none. */
    public interface SpanSink {
        String[] export(CallEvent event);

        /** Exports what is queued, waiting at most the given time. */
        void flush(long millis);
    }

    private final BlockingQueue<CallEvent> queue;
    private final EventLog log;
    private final Supplier<SpanSink> spanSetup;
    private volatile SpanSink spans;
    private final boolean allCalls;
    private final BiConsumer<String, Throwable> errors;
    private final Thread worker;
    private volatile boolean closed;
    private boolean spansSetUp;

    /**
     * @param spanSetup null when no spans are exported; else builds the span exporter, on the event
     *                  thread, so that neither {@code premain} nor an LLM call waits for it
     * @param allCalls  spans for successful calls as well ({@code keywatch.spans=all})
     */
    public CallEvents(EventLog log, Supplier<SpanSink> spanSetup, boolean allCalls, int capacity,
                      BiConsumer<String, Throwable> errors) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.log = log;
        this.spanSetup = spanSetup;
        this.allCalls = allCalls;
        this.errors = errors;
        this.worker = new Thread(this::run, "keywatch-events");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Whether a call with this outcome is wanted at all: lets the caller skip building the event. */
    public boolean wants(boolean failed) {
        return failed ? log.enabled() || spanSetup != null : spanSetup != null && allCalls;
    }

    /** Never blocks. */
    public void publish(CallEvent event) {
        if (closed || !queue.offer(event)) {
            errors.accept("events", new IllegalStateException("event queue full (" + queue.size()
                    + "); a call's span and log line were dropped"));
        }
    }

    private void run() {
        List<CallEvent> batch = new ArrayList<>();
        while (true) {
            try {
                CallEvent first = queue.take();
                batch.add(first);
                queue.drainTo(batch);
                handle(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private synchronized void handle(List<CallEvent> batch) {
        for (CallEvent e : batch) {
            String[] ids = null;
            SpanSink spans = e.failed() || allCalls ? spans() : null;
            if (spans != null) {
                try {
                    ids = spans.export(e);
                } catch (Throwable t) {
                    errors.accept("spans", t);
                }
            }
            if (ids == null && e.parentTraceId() != null) {
                ids = new String[] {e.parentTraceId(), e.parentSpanId()};
            }
            if (e.failed()) {
                try {
                    log.write(e, ids == null ? null : ids[0], ids == null ? null : ids[1]);
                } catch (Throwable t) {
                    errors.accept("events", t);
                }
            }
        }
        try {
            log.flush();
        } catch (Throwable t) {
            errors.accept("events", t);
        }
    }

    /**
     * The span exporter, built at the first call that needs a span: an application whose LLM calls all
     * succeed never loads the tracing SDK (with {@code keywatch.spans=errors}).
     */
    private SpanSink spans() {
        if (!spansSetUp && spanSetup != null) {
            spansSetUp = true;
            try {
                spans = spanSetup.get();
            } catch (Throwable t) {
                errors.accept("spans", t);
            }
        }
        return spans;
    }

    /**
     * At exit: stops taking events, writes what is queued, then gives the span exporter a bounded time.
     * Runs on a shutdown hook thread, while the worker may still be busy: both drain the same queue.
     */
    @Override
    public void close() {
        closed = true;
        List<CallEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        handle(rest);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        // The worker may hold a batch it took just before: let it finish (it then waits on the empty queue).
        while (worker.isAlive() && worker.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        SpanSink spans = this.spans;
        if (spans != null) {
            spans.flush(FLUSH_MILLIS);
        }
    }
}
