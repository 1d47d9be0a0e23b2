package dev.keywatch.exporter.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-over from application threads: never blocking, bounded, drained at exit. */
class CallEventsTest {
    @TempDir
    Path dir;

    private final List<String> errors = new CopyOnWriteArrayList<>();

    @Test
    void aStuckSpanExporterNeverBlocksTheCallerAndDropsAreCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CallEvents.SpanSink stuck = new CallEvents.SpanSink() {
            @Override
            public String[] export(CallEvent event) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }

            @Override
            public void flush(long millis) {
            }
        };
        Path file = dir.resolve("events.jsonl");
        CallEvents events = new CallEvents(EventLog.open(file.toString(), 1 << 20, 1, w -> { }), () -> stuck, false, 4,
                (component, error) -> errors.add(component));
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            events.publish(EventLogTest.event(i));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        // The worker holds the batch it took (none yet, or the one it took and the up to 4 it drained with it,
        // stuck on the first), 4 more wait in the queue, the rest were dropped and counted.
        assertThat(errors).hasSizeBetween(20 - (1 + 4) - 4, 20 - 4).containsOnly("events");
        release.countDown();
        events.close();
        assertThat(Files.readAllLines(file)).hasSize(20 - errors.size());
    }

    @Test
    void successesAreWantedOnlyForSpansOfEveryCall() {
        CallEvents logOnly = new CallEvents(EventLog.open("stderr", 1, 0, w -> { }), null, true, 4, (c, e) -> { });
        assertThat(logOnly.wants(true)).isTrue();
        assertThat(logOnly.wants(false)).isFalse();
        CallEvents nothing = new CallEvents(EventLog.open("off", 1, 0, w -> { }), null, false, 4, (c, e) -> { });
        assertThat(nothing.wants(true)).isFalse();
        CallEvents all = new CallEvents(EventLog.open("off", 1, 0, w -> { }), () -> null, true, 4, (c, e) -> { });
        assertThat(all.wants(false)).isTrue();
    }
}
