package dev.keywatch.agent.pipeline;

import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.capture.ExchangeSink;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands finished exchanges from the application's threads to one reporting thread, which classifies,
 * remembers and counts them. The application's thread pays an enqueue; the classifier, key memory and
 * meters run in batches on a thread whose caches they keep warm.
 *
 * <p>Under load the reporting thread takes a batch every {@link #BATCH_PAUSE_MILLIS} ms and is never
 * woken by a call: waking a thread costs a call more than the work it hands on. After two pauses with
 * nothing to do it sleeps until the next exchange wakes it: the first exchange after 40 ms of nothing
 * pays that wake-up (a few microseconds), and an idle or sparsely calling service pays no periodic
 * wake-ups. It never makes a call wait: when {@link #CAPACITY} exchanges are waiting, a call reports its
 * own exchange on its own thread, as every call did before this queue, so none is lost or dropped.
 */
public final class ReportQueue implements ExchangeSink {
    public static final int CAPACITY = 65_536;
    static final long BATCH_PAUSE_MILLIS = 20;
    static final int IDLE_ROUNDS_BEFORE_SLEEP = 2;
    /**
     * How many exchanges the reporting thread reports before it yields its core to any application thread
     * waiting for one: a batch is then never one burst that holds a core while the application's threads
     * queue for the other (measured side by side on a JDK-client loopback load: +2.1% without it, +1.0% with
     * it; see the README).
     */
    static final int EXCHANGES_BETWEEN_YIELDS = 8;

    private final ExchangeSink pipeline;
    private final ErrorReporter errors;
    private final int capacity;
    private final ConcurrentLinkedQueue<CapturedExchange> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread reporter;
    private volatile boolean sleeping;
    private volatile boolean closed;

    ReportQueue(ExchangeSink pipeline, ErrorReporter errors, int capacity) {
        this.pipeline = pipeline;
        this.errors = errors;
        this.capacity = capacity;
        this.reporter = new Thread(this::run, "keywatch-report");
        reporter.setDaemon(true);
    }

    /** A queue in front of {@code pipeline}, its reporting thread started. */
    public static ReportQueue start(ExchangeSink pipeline, ErrorReporter errors) {
        ReportQueue q = new ReportQueue(pipeline, errors, CAPACITY);
        q.reporter.start();
        return q;
    }

    @Override
    public void accept(CapturedExchange exchange) {
        if (!closed) {
            if (waiting.incrementAndGet() <= capacity) {
                queue.offer(exchange);
                if (sleeping) {
                    sleeping = false;
                    LockSupport.unpark(reporter);
                }
                if (closed) {
                    drain(); // queued as the exit hook drained: not left behind
                }
                return;
            }
            waiting.decrementAndGet();
        }
        report(exchange);
    }

    /**
     * Reports what is still waiting, on the calling thread (the JVM's exit hook), and from then on every
     * exchange where it finishes: a program that exits right after its last call still has it counted.
     */
    public void close() {
        closed = true;
        LockSupport.unpark(reporter);
        drain();
    }

    /** How the reporting thread waits: {@code WAITING} once it sleeps until woken. */
    Thread.State reporterState() {
        return reporter.getState();
    }

    private void run() {
        int idleRounds = 0;
        while (!closed) {
            if (drain() > 0) {
                idleRounds = 0;
            } else if (++idleRounds >= IDLE_ROUNDS_BEFORE_SLEEP) {
                sleeping = true;
                // An exchange queued after the drain but before the flag was seen would wait for the next one.
                if (queue.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                sleeping = false;
                idleRounds = 0;
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(BATCH_PAUSE_MILLIS));
        }
    }

    private int drain() {
        int reported = 0;
        CapturedExchange exchange;
        while ((exchange = queue.poll()) != null) {
            waiting.decrementAndGet();
            report(exchange);
            if (++reported % EXCHANGES_BETWEEN_YIELDS == 0) {
                Thread.yield();
            }
        }
        return reported;
    }

    private void report(CapturedExchange exchange) {
        try {
            pipeline.accept(exchange);
        } catch (Throwable t) {
            errors.report("capture", t);
        }
    }
}
