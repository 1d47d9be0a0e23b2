package dev.keywatch.demo;

import dev.keywatch.demo.fake.FakeProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A small service that calls OpenAI through OkHttp and Anthropic through the JDK HttpClient, against a
 * local fake provider under the real host names (mapped to 127.0.0.1 by {@code -Djdk.net.hosts.file}).
 * One key works until it is revoked mid-run, one keeps working, one was never valid, one hits rate
 * limits and one has no credit left: every panel of the dashboard has something to show.
 */
public final class DemoApp {
    static final int PROD_VALID_CALLS = 40;
    private static final String[] HOSTS = {"api.openai.com", "api.anthropic.com"};
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient okHttp = new OkHttpClient();
    private final HttpClient jdk = HttpClient.newHttpClient();
    private final String openAiUrl;
    private final String anthropicUrl;
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    private DemoApp(int port) {
        this.openAiUrl = "http://api.openai.com:" + port + "/v1/chat/completions";
        this.anthropicUrl = "http://api.anthropic.com:" + port + "/v1/messages";
    }

    public static void main(String[] args) throws Exception {
        int port = 8089;
        long seconds = Long.MAX_VALUE;
        long pauseMillis = 500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port": port = Integer.parseInt(args[++i]); break;
                case "--duration": seconds = Long.parseLong(args[++i]); break;
                case "--pause-ms": pauseMillis = Long.parseLong(args[++i]); break;
                default:
                    System.err.println("usage: DemoApp [--port 8089] [--duration seconds] [--pause-ms 500]");
                    System.exit(2);
            }
        }
        for (String host : HOSTS) {
            // Never send a demo request to a real provider: the host names must point at this machine.
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                System.err.println(host + " does not resolve to a loopback address. Start the demo with "
                        + "-Djdk.net.hosts.file=demo-app/hosts (./demo.sh does).");
                System.exit(2);
            }
        }
        try (FakeProvider fake = new FakeProvider()
                .revokeAfter(DemoKeys.OPENAI_PROD, PROD_VALID_CALLS)
                .key(DemoKeys.OPENAI_BATCH, FakeProvider.Behaviour.VALID)
                .key(DemoKeys.OPENAI_BURST, FakeProvider.Behaviour.RATE_LIMITED)
                .key(DemoKeys.OPENAI_TRIAL, FakeProvider.Behaviour.QUOTA_EXHAUSTED)
                .key(DemoKeys.ANTHROPIC_MAIN, FakeProvider.Behaviour.VALID)
                .startHttp(new InetSocketAddress("127.0.0.1", port))) {
            System.out.println("Fake provider on 127.0.0.1:" + port + " as " + String.join(", ", HOSTS) + ".");
            System.out.println("With the agent attached, metrics are at http://localhost:9477/metrics. Ctrl-C stops.");
            new DemoApp(port).run(seconds * 1000, pauseMillis);
        }
    }

    private void run(long millis, long pauseMillis) throws InterruptedException {
        long end = millis == Long.MAX_VALUE * 1000 || millis < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + millis;
        for (int round = 1; System.currentTimeMillis() < end; round++) {
            openAi(DemoKeys.OPENAI_PROD);
            openAi(DemoKeys.OPENAI_BATCH);
            anthropic(DemoKeys.ANTHROPIC_MAIN);
            if (round % 2 == 0) openAi(DemoKeys.OPENAI_BURST);
            if (round % 3 == 0) openAi(DemoKeys.OPENAI_TYPO);
            if (round % 5 == 0) openAi(DemoKeys.OPENAI_TRIAL);
            if (round % 10 == 0) {
                System.out.println("round " + round + ": responses by status " + statuses);
            }
            Thread.sleep(pauseMillis);
        }
    }

    private void openAi(String key) {
        Request request = new Request.Builder().url(openAiUrl)
                .header("Authorization", "Bearer " + key)
                .post(RequestBody.create("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", JSON))
                .build();
        try (Response response = okHttp.newCall(request).execute()) {
            response.body().string();
            count(response.code());
        } catch (IOException e) {
            count(0);
        }
    }

    private void anthropic(String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(anthropicUrl))
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        try {
            count(jdk.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        } catch (IOException e) {
            count(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void count(int status) {
        statuses.merge(status, 1, Integer::sum);
    }
}
