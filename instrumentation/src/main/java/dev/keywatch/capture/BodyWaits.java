package dev.keywatch.capture;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon timer for error bodies the application may never read. Created on the first error
 * response from an LLM host, so a healthy service never starts it.
 */
final class BodyWaits {
    private static volatile ScheduledThreadPoolExecutor timer;

    private BodyWaits() {
    }

    static ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return timer().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = timer;
        if (t == null) {
            synchronized (BodyWaits.class) {
                t = timer;
                if (t == null) {
                    t = new ScheduledThreadPoolExecutor(1, runnable -> {
                        Thread thread = new Thread(runnable, "keywatch-body-wait");
                        thread.setDaemon(true);
                        return thread;
                    });
                    t.setRemoveOnCancelPolicy(true);
                    timer = t;
                }
            }
        }
        return t;
    }
}
