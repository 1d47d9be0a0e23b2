package dev.keywatch.benchmarks.overhead;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The application under measurement: chat completions to a provider on loopback, one after another, through
 * OkHttp (as the OpenAI, Anthropic and Gemini SDKs call) or the JDK client (as LangChain4j does). In
 * {@code load} mode it makes warm-up calls, then times each measured call and prints one result line; in
 * {@code startup} mode it makes one call and exits, and the driver times the whole process.
 */
public final class LoadProgram {
    static final String RESULT = "RESULT";
    private static final String BODY = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private LoadProgram() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String client = args[1];
        String url = args[2];
        String key = args[3];
        Caller caller = client.equals("okhttp") ? new OkHttpCaller(url, key) : new JdkCaller(url, key);
        if (mode.equals("startup")) {
            caller.call();
            caller.close();
            return;
        }
        int warmup = Integer.parseInt(args[4]);
        int calls = Integer.parseInt(args[5]);
        for (int i = 0; i < warmup; i++) {
            caller.call();
        }
        long[] nanos = new long[calls];
        // The process's CPU time over the timed calls, every thread (the agent's own included): what the
        // requests cost the machine, far steadier on a shared 2-core VM than the wall clock.
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // The calling thread's own CPU time: what the application's thread pays per call, without the JIT's,
        // the collector's or any agent thread's share.
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = os.getProcessCpuTime();
        long threadCpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            caller.call();
            nanos[i] = System.nanoTime() - t;
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = os.getProcessCpuTime() - cpuStart;
        long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
        caller.close();
        Arrays.sort(nanos);
        System.out.printf("%s mean_us=%.2f p50_us=%.2f p99_us=%.2f cpu_us=%.2f thread_cpu_us=%.2f%n", RESULT,
                wall / 1000.0 / calls, nanos[calls / 2] / 1000.0, nanos[(int) (calls * 0.99)] / 1000.0,
                cpu / 1000.0 / calls, threadCpu / 1000.0 / calls);
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
