package dev.keywatch.it;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A busy application: many threads calling the provider through one OkHttp client, each with keys that
 * change from call to call. Prints how many calls ended in each status (and each exception), and in
 * {@code distinct} mode the heap in use after a full collection, before and after the calls.
 * <ul>
 *   <li>{@code concurrent <url> <keys file> <threads> <seconds>}: the keys in turn, for that long.</li>
 *   <li>{@code distinct <url> <threads> <calls>}: every call with a key never used before.</li>
 * </ul>
 */
public final class LoadProgram {
    private static final MediaType JSON = MediaType.get("application/json");

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        OkHttpClient client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES)).build();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        if (mode.equals("concurrent")) {
            List<String> keys = Files.readAllLines(Paths.get(args[2]), StandardCharsets.UTF_8);
            int threads = Integer.parseInt(args[3]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[4]));
            run(threads, t -> {
                for (int i = 0; System.nanoTime() < deadline; i++) {
                    call(client, url, keys.get((t + i) % keys.size()), outcomes);
                }
            });
        } else {
            int threads = Integer.parseInt(args[2]);
            int calls = Integer.parseInt(args[3]);
            AtomicLong next = new AtomicLong();
            // A first thousand to load and warm everything, then the heap as the application runs.
            for (int i = 0; i < 1000; i++) {
                call(client, url, distinctKey(next.getAndIncrement()), new ConcurrentHashMap<>());
            }
            long before = heapAfterGc();
            run(threads, t -> {
                for (long n; (n = next.getAndIncrement()) < calls + 1000; ) {
                    call(client, url, distinctKey(n), outcomes);
                }
            });
            long after = heapAfterGc();
            System.err.println("heap-growth-mb=" + (after - before) / (1 << 20));
            System.out.println("heap-growth-under-16mb=" + (after - before < 16L << 20));
        }
        new TreeMap<>(outcomes).forEach((outcome, n) -> System.out.println(outcome + " " + n.sum()));
        System.out.println(ForkedJvm.READY);
        System.out.flush();
        System.in.read();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    /** Shaped like an OpenAI project key, different for every n, made up. */
    static String distinctKey(long n) {
        String digits = String.format("%074d", n);
        return "sk-proj-" + digits + "T3BlbkFJ" + new StringBuilder(digits).reverse();
    }

    private static void call(OkHttpClient client, String url, String key, Map<String, LongAdder> outcomes) {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + key)
                .post(RequestBody.create(ClientProgram.JSON_BODY, JSON)).build();
        String outcome;
        try (Response response = client.newCall(request).execute()) {
            response.body().bytes();
            outcome = "status=" + response.code();
        } catch (Exception e) {
            outcome = "error=" + e.getClass().getName();
        }
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    private interface Worker {
        void run(int thread) throws Exception;
    }

    private static void run(int threads, Worker worker) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    worker.run(index);
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }, "caller-" + t);
            thread.start();
        }
        done.await();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
