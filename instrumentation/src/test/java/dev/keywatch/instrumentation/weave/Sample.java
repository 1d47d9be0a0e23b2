package dev.keywatch.instrumentation.weave;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Methods shaped like the ones the agent weaves, and harder: locals of two slots, loops and handlers (so
 * stack map frames the weaving must move), several returns, throws, a field, a constructor.
 */
public class Sample {
    private int count;
    private final List<String> seen = new ArrayList<>();

    public Sample(String first) {
        seen.add(first);
    }

    /** Many frames: a loop, a handler, locals of every size after the arguments. */
    public String chain(long start, int times, double scale) throws IOException {
        long total = start;
        String last = null;
        for (int i = 0; i < times; i++) {
            try {
                if (i == 7) {
                    throw new IllegalStateException("seven");
                }
                total += (long) (i * scale);
                last = "at " + i;
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            count++;
        }
        if (times < 0) {
            throw new IOException("negative " + times);
        }
        if (times == 0) {
            return null;
        }
        return last + " total " + total;
    }

    public long sum(long a, double b, int[] values) {
        long s = a + (long) b;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    public boolean test(Throwable error) {
        return error instanceof IOException;
    }

    public void handler(Object request, Runnable handler) {
        seen.add(String.valueOf(request));
        handler.run();
    }

    public int count() {
        return count;
    }

    public List<String> seen() {
        return seen;
    }
}
