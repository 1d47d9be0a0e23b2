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
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An application as a user would write it: makes the scripted calls through one client, in one
 * body-reading style, and prints for each what it saw (status, a hash of the body bytes, the exception).
 * Run with and without the agent, the transcripts must be identical.
 */
@SuppressWarnings("deprecation")
public final class ClientProgram {
    static final String WAITING = "PROGRAM-WAITING";
    static final String JSON_BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        List<String> lines = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8);
        HttpClient jdk = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        if (Boolean.getBoolean("program.waitFirst")) {
            // Lets a test attach the agent to this running JVM before any call is made.
            System.out.println(WAITING);
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        for (String line : lines) {
            if (line.trim().isEmpty()) continue;
            ScriptedCall call = ScriptedCall.parse(line);
            System.out.println(call.name + " " + outcome(mode, call, jdk));
        }
        System.out.println(ForkedJvm.READY);
        System.out.flush();
        System.in.read(); // the test scrapes the agent's metrics until it closes our stdin
        if (mode.startsWith("okhttp")) {
            OkHttpClients.shutdown();
        }
        if (mode.startsWith("vertx")) {
            VertxClients.shutdown();
        }
    }

    /** What the application saw of one call: its response, or the exception it got. */
    static String outcome(String mode, ScriptedCall call, HttpClient jdk) {
        try {
            return call(mode, call, jdk);
        } catch (Throwable t) {
            return "error=" + describe(t);
        }
    }

    private static String call(String mode, ScriptedCall call, HttpClient jdk) throws Exception {
        switch (mode) {
            case "jdk-string": {
                HttpResponse<String> r = jdk.send(jdkRequest(call), HttpResponse.BodyHandlers.ofString());
                return seen(r.statusCode(), r.body().getBytes(StandardCharsets.UTF_8));
            }
            case "jdk-stream": {
                HttpResponse<InputStream> r = jdk.send(jdkRequest(call), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = r.body()) {
                    return seen(r.statusCode(), in.readAllBytes());
                }
            }
            case "jdk-async": {
                try {
                    HttpResponse<byte[]> r = jdk.sendAsync(jdkRequest(call), HttpResponse.BodyHandlers.ofByteArray())
                            .get(30, TimeUnit.SECONDS);
                    return seen(r.statusCode(), r.body());
                } catch (ExecutionException e) {
                    return "error=" + describe(e.getCause());
                }
            }
            case "huc-status-first":
                return urlConnectionStatusFirst(call);
            case "huc-exception":
                return urlConnectionException(call);
            default:
                // Each library's styles live in a class of their own, so that a program run on one client's
                // jars alone never links against another's.
                if (mode.startsWith("okhttp")) return OkHttpClients.call(mode, call);
                if (mode.startsWith("apache4")) return ApacheHttpClient4Clients.call(mode, call);
                if (mode.startsWith("apache5")) return ApacheHttpClient5Clients.call(mode, call);
                if (mode.startsWith("reactor")) return ReactorNettyClients.call(mode, call);
                if (mode.startsWith("spring")) return SpringClients.call(mode, call);
                if (mode.startsWith("vertx")) return VertxClients.call(mode, call);
                throw new IllegalArgumentException(mode);
        }
    }

    private static HttpRequest jdkRequest(ScriptedCall call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(call.url))
                .POST(HttpRequest.BodyPublishers.ofString(JSON_BODY)).header("Content-Type", "application/json");
        call.headers.forEach(b::header);
        return b.build();
    }

    /** Spring's simple factory style: status first, then the error stream or the input stream; raw gzip bytes. */
    private static String urlConnectionStatusFirst(ScriptedCall call) throws IOException {
        HttpURLConnection c = open(call);
        c.setRequestProperty("Accept-Encoding", "gzip");
        write(c);
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        try (InputStream body = in) {
            return seen(status, body == null ? new byte[0] : body.readAllBytes());
        }
    }

    /** The older style: getInputStream, and on its exception the error stream. */
    private static String urlConnectionException(ScriptedCall call) throws IOException {
        HttpURLConnection c = open(call);
        write(c);
        try (InputStream in = c.getInputStream()) {
            return seen(c.getResponseCode(), in.readAllBytes());
        } catch (IOException e) {
            int status = c.getResponseCode();
            try (InputStream err = c.getErrorStream()) {
                return describe(e) + " " + seen(status, err == null ? new byte[0] : err.readAllBytes());
            }
        }
    }

    private static HttpURLConnection open(ScriptedCall call) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(call.url).openConnection();
        c.setConnectTimeout(5000);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        for (Map.Entry<String, String> h : call.headers.entrySet()) {
            c.setRequestProperty(h.getKey(), h.getValue());
        }
        return c;
    }

    private static void write(HttpURLConnection c) throws IOException {
        try (OutputStream out = c.getOutputStream()) {
            out.write(JSON_BODY.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String seen(int status, byte[] body) {
        StringBuilder hex = new StringBuilder();
        try {
            for (byte b : MessageDigest.getInstance("SHA-256").digest(body)) {
                hex.append(String.format("%02x", b));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return "status=" + status + " bytes=" + body.length + " sha256=" + hex;
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }
}
