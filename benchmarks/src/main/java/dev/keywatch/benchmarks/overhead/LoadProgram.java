package dev.keywatch.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The application under measurement: chat completions to a provider on loopback, one after another, through
 * OkHttp (as the OpenAI, Anthropic and Gemini SDKs call) or the JDK client (as LangChain4j does).
 * <ul>
 *   <li>{@code startup} mode makes one call and exits; the driver times the whole process.</li>
 *   <li>{@code load} mode takes its orders line by line on standard input, so that the driver can keep one
 *   process of each setup warm and let them take turns in short blocks: {@code calls N} makes N untimed
 *   calls and answers {@value #DONE}; {@code block N} times N calls and answers one {@value #RESULT} line;
 *   {@code settle N} waits N ms and answers the last block's CPU; end of input closes the client and exits.</li>
 * </ul>
 */
public final class LoadProgram {
    static final String RESULT = "RESULT";
    static final String DONE = "DONE";
    private static final String BODY = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private LoadProgram() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String client = args[1];
        String url = args[2];
        String key = args[3];
        Caller caller = client.equals("okhttp") ? new OkHttpCaller(url, key) : new JdkCaller(url, key);
        try {
            if (mode.equals("startup")) {
                caller.call();
                return;
            }
            CpuClock clock = new CpuClock();
            BufferedReader orders = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String order; (order = orders.readLine()) != null; ) {
                String[] words = order.trim().split(" ");
                int calls = Integer.parseInt(words[1]);
                if (words[0].equals("calls")) {
                    for (int i = 0; i < calls; i++) {
                        caller.call();
                    }
                    System.out.println(DONE);
                } else if (words[0].equals("block")) {
                    System.out.println(block(caller, calls, clock));
                } else {
                    // "settle N": the last block's CPU, once its trailing work has had N ms to finish
                    Thread.sleep(calls);
                    System.out.println(RESULT + " " + clock.sinceLastBlock());
                }
                System.out.flush();
            }
        } finally {
            caller.close();
        }
    }

    /**
     * Microseconds per call of one timed block: the wall clock and the calling thread's CPU; and, of the block
     * before, the process's CPU and Keywatch's own threads' CPU, from that block's start to this one's.
     * That window takes in what the block left to the process's other threads after its last call (an
     * agent's reporting and exporting, the collector, the JIT), however long they take, while the process
     * waits for its next turn; no pause after each block is needed, so blocks can be short.
     */
    private static String block(Caller caller, int calls, CpuClock clock) throws Exception {
        // The calling thread's own CPU time: what the application's thread pays per call, without the JIT's,
        // the collector's or any agent thread's share.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String previous = clock.sinceLastBlock();
        long threadCpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            caller.call();
        }
        long wall = System.nanoTime() - wallStart;
        long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
        clock.blockRan(calls);
        return String.format(Locale.ROOT, "%s wall_us=%.3f thread_cpu_us=%.3f %s", RESULT,
                wall / 1000.0 / calls, threadCpu / 1000.0 / calls, previous);
    }

    /**
     * The CPU that the process, and Keywatch's threads in it, spent from one block's start to the next:
     * read just before a block starts (and once more at the end), attributed to the block before.
     */
    private static final class CpuClock {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private ThreadTimes lastThreads;
        private long lastProcessCpu;
        private int lastCalls;
        private ThreadTimes pendingThreads;
        private long pendingProcessCpu;

        /** The previous block's CPU per call, up to now, as {@code cpu_us=… keywatch_cpu_us=…} ({@code -} if none). */
        String sinceLastBlock() throws IOException {
            pendingThreads = ThreadTimes.now();
            pendingProcessCpu = os.getProcessCpuTime();
            if (lastCalls == 0) {
                return "cpu_us=- keywatch_cpu_us=-";
            }
            long[] cpu = lastThreads == null || pendingThreads == null
                    ? new long[] {pendingProcessCpu - lastProcessCpu, 0} : pendingThreads.since(lastThreads);
            return String.format(Locale.ROOT, "cpu_us=%.3f keywatch_cpu_us=%.3f", cpu[0] / 1000.0 / lastCalls,
                    cpu[1] / 1000.0 / lastCalls);
        }

        /** The block just run began at the reading taken before it: its window starts there. */
        void blockRan(int calls) {
            lastThreads = pendingThreads;
            lastProcessCpu = pendingProcessCpu;
            lastCalls = calls;
        }
    }

    /** The process's threads' CPU time, counted by Linux per thread in nanoseconds. */
    private static final class ThreadTimes {
        final Map<String, Long> nanos = new HashMap<>();
        final Set<String> keywatch = new HashSet<>();

        /** Null where Linux does not count them: the JVM's process figure (in 10 ms steps) stands in. */
        static ThreadTimes now() throws IOException {
            Path tasks = Paths.get("/proc/self/task");
            if (!Files.isDirectory(tasks)) {
                return null;
            }
            ThreadTimes times = new ThreadTimes();
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
                for (Path thread : threads) {
                    try {
                        String schedstat = new String(Files.readAllBytes(thread.resolve("schedstat")),
                                StandardCharsets.US_ASCII);
                        String tid = thread.getFileName().toString();
                        times.nanos.put(tid, Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
                        if (new String(Files.readAllBytes(thread.resolve("comm")), StandardCharsets.US_ASCII)
                                .startsWith("keywatch-")) {
                            times.keywatch.add(tid);
                        }
                    } catch (NoSuchFileException ended) {
                        // ended since the listing
                    }
                }
            }
            return times;
        }

        /**
         * CPU nanoseconds since {@code earlier}: {@code [0]} every thread (the JIT's, the collector's and any
         * agent's), what the requests cost the machine; {@code [1]} Keywatch's own threads ({@code keywatch-*}).
         * A thread that ended in between takes its time with it (the JDK client's pool retires idle threads),
         * so each thread counts from where it was, or from zero when it is new.
         */
        long[] since(ThreadTimes earlier) {
            long[] spent = new long[2];
            nanos.forEach((tid, n) -> {
                long d = n - earlier.nanos.getOrDefault(tid, 0L);
                spent[0] += d;
                if (keywatch.contains(tid)) {
                    spent[1] += d;
                }
            });
            return spent;
        }
    }

    interface Caller extends AutoCloseable {
        void call() throws Exception;

        @Override
        void close();
    }

    static final class OkHttpCaller implements Caller {
        private final OkHttpClient client = new OkHttpClient();
        private final Request request;

        OkHttpCaller(String url, String key) {
            request = new Request.Builder().url(url).header("Authorization", "Bearer " + key)
                    .post(RequestBody.create(BODY, MediaType.get("application/json"))).build();
        }

        @Override
        public void call() throws IOException {
            try (Response response = client.newCall(request).execute()) {
                if (response.code() != 200) throw new IOException("status " + response.code());
                response.body().bytes();
            }
        }

        @Override
        public void close() {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    static final class JdkCaller implements Caller {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final HttpRequest request;

        JdkCaller(String url, String key) {
            request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .timeout(java.time.Duration.ofSeconds(TimeUnit.MINUTES.toSeconds(1))).build();
        }

        @Override
        public void call() throws Exception {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) throw new IOException("status " + response.statusCode());
        }

        @Override
        public void close() {
        }
    }
}
