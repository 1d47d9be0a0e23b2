package dev.keywatch.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywatch.capture.CapturedExchange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReportQueueTest {
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final List<String> reportedOn = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private ReportQueue queue(int capacity) {
        return new ReportQueue(e -> {
            if (e.path().equals("/boom")) {
                throw new IllegalStateException("classifier failed");
            }
            reported.add(e.path());
            reportedOn.add(Thread.currentThread().getName());
        }, (component, t) -> errors.add(component + ": " + t.getMessage()), capacity);
    }

    private static CapturedExchange exchange(String path) {
        return CapturedExchange.builder().client("test").provider("openai").host("api.openai.com").port(443)
                .method("POST").path(path).status(200).headers(Collections.emptyMap()).build();
    }

    private void awaitReported(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reported.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void reportsEveryExchangeInOrderOnItsOwnThread() throws Exception {
        ReportQueue q = ReportQueue.start(e -> {
            reported.add(e.path());
            reportedOn.add(Thread.currentThread().getName());
        }, (c, t) -> errors.add(c));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            sent.add("/" + i);
            q.accept(exchange("/" + i));
        }
        awaitReported(1_000);
        assertThat(reported).containsExactlyElementsOf(sent);
        assertThat(reportedOn).containsOnly("keywatch-report");
        assertThat(errors).isEmpty();
    }

    @Test
    void wakesFromItsIdleSleepForTheNextExchange() throws Exception {
        ReportQueue q = ReportQueue.start(e -> reported.add(e.path()), (c, t) -> errors.add(c));
        q.accept(exchange("/first"));
        awaitReported(1);
        // Two pauses with nothing to do (well within half a second): the thread sleeps until woken, with no
        // periodic wake-ups (parked without a deadline, not in a timed pause).
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (q.reporterState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(ReportQueue.BATCH_PAUSE_MILLIS);
        }
        assertThat(q.reporterState()).isEqualTo(Thread.State.WAITING);
        Thread.sleep(ReportQueue.BATCH_PAUSE_MILLIS * (ReportQueue.IDLE_ROUNDS_BEFORE_SLEEP + 3));
        assertThat(q.reporterState()).isEqualTo(Thread.State.WAITING);
        long before = System.nanoTime();
        q.accept(exchange("/after-idle"));
        awaitReported(2);
        assertThat(reported).containsExactly("/first", "/after-idle");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(2_000);
    }

    @Test
    void aFullQueueReportsOnTheCallersThreadAndLosesNothing() {
        ReportQueue q = queue(2); // never started: nothing takes from the queue
        for (int i = 0; i < 5; i++) {
            q.accept(exchange("/" + i));
        }
        assertThat(reported).containsExactly("/2", "/3", "/4");
        assertThat(reportedOn).containsOnly(Thread.currentThread().getName());
        q.close();
        assertThat(reported).containsExactly("/2", "/3", "/4", "/0", "/1");
    }

    @Test
    void closeReportsWhatIsWaitingAndEverythingAfterAtOnce() {
        ReportQueue q = queue(10);
        q.accept(exchange("/queued"));
        assertThat(reported).isEmpty();
        q.close();
        assertThat(reported).containsExactly("/queued");
        q.accept(exchange("/after-close"));
        assertThat(reported).containsExactly("/queued", "/after-close");
    }

    @Test
    void aFailingPipelineIsCountedAndTheReportingThreadGoesOn() throws Exception {
        ReportQueue q = queue(10);
        Thread reporter = startedThreadOf(q);
        q.accept(exchange("/boom"));
        q.accept(exchange("/fine"));
        awaitReported(1);
        assertThat(errors).containsExactly("capture: classifier failed");
        assertThat(reported).containsExactly("/fine");
        assertThat(reporter.isAlive()).isTrue();
    }

    private static Thread startedThreadOf(ReportQueue q) throws Exception {
        java.lang.reflect.Field f = ReportQueue.class.getDeclaredField("reporter");
        f.setAccessible(true);
        Thread t = (Thread) f.get(q);
        t.start();
        return t;
    }

    @Test
    void manyThreadsLoseNoExchange() throws Exception {
        ReportQueue q = ReportQueue.start(e -> reported.add(e.path()), (c, t) -> errors.add(c));
        int threads = 16;
        int each = 2_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    q.accept(exchange("/" + id + "/" + i));
                }
                done.countDown();
            }).start();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        awaitReported(threads * each);
        assertThat(reported).hasSize(threads * each).doesNotHaveDuplicates();
    }
}
