package dev.keywatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * An application calling a provider whose 401 body starts and never ends, with a read timeout of its own:
 * it must get the status as soon as the headers arrive, and its read of the body must time out exactly as
 * it does without the agent. Prints whether the headers came within a second of sending (the read timeout is
 * two), then how the body read ended.
 */
@SuppressWarnings("deprecation")
public final class NeverEndingProgram {
    static final int READ_TIMEOUT_MILLIS = 2000;

    public static void main(String[] args) throws Exception {
        String style = args[0];
        String url = args[1];
        String key = args[2];
        String seen;
        switch (style) {
            case "okhttp":
                seen = okHttp(url, key);
                break;
            case "huc":
                seen = urlConnection(url, key);
                break;
            case "jdk-stream":
                seen = jdkStream(url, key);
                break;
            case "apache5":
                seen = apache5(url, key);
                break;
            default:
                throw new IllegalArgumentException(style);
        }
        System.out.println(style + " " + seen);
        System.out.println(ForkedJvm.READY);
        System.out.flush();
        System.in.read();
    }

    private static String okHttp(String url, String key) throws IOException {
        OkHttpClient client = new OkHttpClient.Builder()
                .readTimeout(Duration.ofMillis(READ_TIMEOUT_MILLIS)).build();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + key)
                .post(RequestBody.create(ClientProgram.JSON_BODY, MediaType.get("application/json"))).build();
        long start = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            String head = headers(response.code(), start);
            return head + " body=" + readAll(response.body().byteStream());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static String urlConnection(String url, String key) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setReadTimeout(READ_TIMEOUT_MILLIS);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Authorization", "Bearer " + key);
        c.setRequestProperty("Content-Type", "application/json");
        long start = System.nanoTime();
        try (OutputStream out = c.getOutputStream()) {
            out.write(ClientProgram.JSON_BODY.getBytes(StandardCharsets.UTF_8));
        }
        String head = headers(c.getResponseCode(), start);
        return head + " body=" + readAll(c.getErrorStream());
    }

    /** The JDK client has no read timeout: the application gives up on the body and closes it. */
    private static String jdkStream(String url, String key) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ClientProgram.JSON_BODY)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String head = headers(response.statusCode(), start);
        InputStream body = response.body();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> readAll(body));
        try {
            return head + " body=" + read.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            body.close();
            return head + " body=gave-up-and-closed then " + read.get(10, TimeUnit.SECONDS);
        }
    }

    private static String apache5(String url, String key) throws IOException {
        RequestConfig config = RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(READ_TIMEOUT_MILLIS)).build();
        try (CloseableHttpClient client = HttpClients.custom().setDefaultRequestConfig(config).build()) {
            HttpPost post = new HttpPost(url);
            post.setHeader("Authorization", "Bearer " + key);
            post.setEntity(new StringEntity(ClientProgram.JSON_BODY, ContentType.APPLICATION_JSON));
            long start = System.nanoTime();
            CloseableHttpResponse response = client.execute(post);
            String seen = headers(response.getCode(), start) + " body=" + readAll(response.getEntity().getContent());
            try {
                response.close();
                return seen + " closed";
            } catch (IOException e) {
                // Closing drains the rest of the body, on a socket its timeout has already closed.
                return seen + " close=" + e.getClass().getName();
            }
        }
    }

    private static String headers(int status, long start) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return "status=" + status + " headers-within-1s=" + (millis < 1000);
    }

    /** How reading the body ended: its byte count at the end, or the exception's class. */
    private static String readAll(InputStream in) {
        long n = 0;
        try (InputStream body = in) {
            byte[] buffer = new byte[512];
            for (int r; (r = body.read(buffer)) >= 0; ) {
                n += r;
            }
            return "ended-after-" + n + "-bytes";
        } catch (IOException e) {
            return e.getClass().getName() + "-after-" + n + "-bytes";
        }
    }
}
