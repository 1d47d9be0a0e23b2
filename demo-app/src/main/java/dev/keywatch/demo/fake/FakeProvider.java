package dev.keywatch.demo.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * A local stand-in for OpenAI-compatible APIs ({@code /v1/chat/completions}), Anthropic
 * ({@code /v1/messages}) and Gemini ({@code …:generateContent}). It answers the way those providers do
 * (statuses, error bodies, request-id and rate-limit headers) according to what each key is scripted
 * to do, so that every Keywatch reason can be produced on one machine with no real key.
 */
public final class FakeProvider implements AutoCloseable {
    /** What a key does when it is used. */
    public enum Behaviour {
        VALID,
        /** Valid for a number of calls, then rejected as if revoked. */
        REVOKED_AFTER,
        RATE_LIMITED,
        QUOTA_EXHAUSTED
    }

    private static final class Script {
        final Behaviour behaviour;
        final int validCalls;

        Script(Behaviour behaviour, int validCalls) {
            this.behaviour = behaviour;
            this.validCalls = validCalls;
        }
    }

    /** Replaced by a request id that depends only on how many requests were served since the last reset. */
    private static final String REQUEST_ID = "{{request-id}}";
    static final long STREAM_PAUSE_MILLIS = 40;

    private final Map<String, Script> keys = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();
    private final AtomicInteger served = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-provider");
        t.setDaemon(true);
        return t;
    });
    private HttpServer http;
    private HttpsServer https;

    public FakeProvider key(String key, Behaviour behaviour) {
        keys.put(key, new Script(behaviour, 0));
        return this;
    }

    public FakeProvider revokeAfter(String key, int validCalls) {
        keys.put(key, new Script(Behaviour.REVOKED_AFTER, validCalls));
        return this;
    }

    /** Serves plain HTTP on that address (port 0 for any). */
    public FakeProvider startHttp(InetSocketAddress address) throws IOException {
        http = HttpServer.create(address, 64);
        http.createContext("/", this::handle);
        http.setExecutor(executor);
        http.start();
        return this;
    }

    /** Serves HTTPS on that address with that server certificate. */
    public FakeProvider startHttps(InetSocketAddress address, SSLContext tls) throws IOException {
        https = HttpsServer.create(address, 64);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", this::handle);
        https.setExecutor(executor);
        https.start();
        return this;
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    public int httpsPort() {
        return https.getAddress().getPort();
    }

    /** Forgets how often each key was used: a revoked key works again for its first calls. */
    public void reset() {
        uses.clear();
        served.set(0);
    }

    public int served() {
        return served.get();
    }

    @Override
    public void close() {
        if (http != null) http.stop(0);
        if (https != null) https.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestBody;
        try (InputStream in = exchange.getRequestBody()) {
            requestBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // A streamed chat completion, as SDKs ask for it: "stream": true, or an event-stream Accept header.
        boolean stream = requestBody.replace(" ", "").contains("\"stream\":true")
                || "text/event-stream".equals(exchange.getRequestHeaders().getFirst("Accept"));
        int sequence = served.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        Dialect dialect = Dialect.of(path, exchange);
        String key = dialect.key(exchange);
        Reply reply;
        if (key == null || key.isEmpty()) {
            reply = dialect.missingKey();
        } else {
            Script script = keys.get(key);
            if (script == null) {
                reply = dialect.invalidKey();
            } else {
                int use = uses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                switch (script.behaviour) {
                    case REVOKED_AFTER:
                        reply = use <= script.validCalls ? dialect.success() : dialect.invalidKey();
                        break;
                    case RATE_LIMITED:
                        reply = dialect.rateLimited();
                        break;
                    case QUOTA_EXHAUSTED:
                        reply = dialect.quotaExhausted();
                        break;
                    default:
                        reply = dialect.success();
                }
            }
        }
        if (stream && reply.status == 200 && dialect == Dialect.OPENAI) {
            sendStream(exchange, dialect.requestId(sequence));
        } else {
            send(exchange, reply, dialect.requestId(sequence));
        }
    }

    /**
     * A chat completion as server-sent events, one chunk at a time with a pause between them, chunked,
     * ended by {@code [DONE]}. Errors are never streamed: they come before the stream, as JSON.
     */
    private static void sendStream(HttpExchange exchange, String requestId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("x-request-id", requestId);
        exchange.getResponseHeaders().set("x-ratelimit-remaining-requests", "4999");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            List<String> events = streamEvents();
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    try {
                        Thread.sleep(STREAM_PAUSE_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    /** The events of a streamed completion, each written and flushed on its own. */
    public static List<String> streamEvents() {
        List<String> events = new java.util.ArrayList<>();
        for (String word : new String[] {"Hello", " from", " the", " fake", " provider."}) {
            events.add("data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"" + word + "\"},\"finish_reason\":null}]}\n\n");
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static void send(HttpExchange exchange, Reply reply, String requestId) throws IOException {
        byte[] body = reply.body.replace(REQUEST_ID, requestId).getBytes(StandardCharsets.UTF_8);
        String acceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (reply.status >= 400 && acceptEncoding != null && acceptEncoding.contains("gzip")) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(body);
            }
            body = gz.toByteArray();
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        for (Map.Entry<String, String> h : reply.headers.entrySet()) {
            exchange.getResponseHeaders().set(h.getKey(), h.getValue().replace(REQUEST_ID, requestId));
        }
        exchange.sendResponseHeaders(reply.status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static final class Reply {
        final int status;
        final String body;
        final Map<String, String> headers = new java.util.LinkedHashMap<>();

        Reply(int status, String body) {
            this.status = status;
            this.body = body;
        }

        Reply header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }

    enum Dialect {
        OPENAI {
            @Override String key(HttpExchange e) {
                // Azure OpenAI reads its resource keys from api-key.
                String azure = e.getRequestHeaders().getFirst("api-key");
                return azure != null ? azure : bearer(e.getRequestHeaders().getFirst("Authorization"));
            }

            @Override Reply success() {
                return new Reply(200, "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello from the fake provider.\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":7,\"total_tokens\":16}}")
                        .header("x-request-id", REQUEST_ID)
                        .header("x-ratelimit-remaining-requests", "4999")
                        .header("x-ratelimit-remaining-tokens", "49000");
            }

            @Override Reply missingKey() {
                return openAiError(401, "You didn't provide an API key. You need to provide your API key in an "
                        + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                        "invalid_request_error", null);
            }

            @Override Reply invalidKey() {
                return openAiError(401, "Incorrect API key provided. You can find your API key at "
                        + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
            }

            @Override Reply rateLimited() {
                return openAiError(429, "Rate limit reached for gpt-4o-mini on tokens per min (TPM): Limit 50000, "
                        + "Used 47949, Requested 3006. Please try again in 1.146s.", "tokens", "rate_limit_exceeded")
                        .header("retry-after", "2")
                        .header("x-ratelimit-remaining-requests", "4998")
                        .header("x-ratelimit-remaining-tokens", "0");
            }

            @Override Reply quotaExhausted() {
                return openAiError(429, "You exceeded your current quota, please check your plan and billing details.",
                        "insufficient_quota", "insufficient_quota");
            }
        },
        ANTHROPIC {
            @Override String key(HttpExchange e) {
                String k = e.getRequestHeaders().getFirst("x-api-key");
                return k != null ? k : bearer(e.getRequestHeaders().getFirst("Authorization"));
            }

            @Override Reply success() {
                return new Reply(200, "{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"Hello from the fake provider.\"}],\"stop_reason\":\"end_turn\"}")
                        .header("request-id", REQUEST_ID)
                        .header("anthropic-ratelimit-requests-remaining", "49")
                        .header("anthropic-ratelimit-input-tokens-remaining", "39000")
                        .header("anthropic-ratelimit-output-tokens-remaining", "7900");
            }

            @Override Reply missingKey() {
                return anthropicError(401, "authentication_error", "x-api-key header is required");
            }

            @Override Reply invalidKey() {
                return anthropicError(401, "authentication_error", "invalid x-api-key");
            }

            @Override Reply rateLimited() {
                return anthropicError(429, "rate_limit_error",
                        "Number of request tokens has exceeded your per-minute rate limit")
                        .header("retry-after", "14").header("x-should-retry", "true")
                        .header("anthropic-ratelimit-input-tokens-remaining", "0");
            }

            @Override Reply quotaExhausted() {
                return anthropicError(400, "invalid_request_error", "Your credit balance is too low to access the "
                        + "Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.");
            }
        },
        GEMINI {
            @Override String key(HttpExchange e) {
                String k = e.getRequestHeaders().getFirst("x-goog-api-key");
                if (k != null) return k;
                String query = e.getRequestURI().getQuery();
                if (query == null) return null;
                for (String p : query.split("&")) {
                    if (p.startsWith("key=")) return p.substring(4);
                }
                return null;
            }

            @Override Reply success() {
                return new Reply(200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello from the fake "
                        + "provider.\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}]}");
            }

            @Override Reply missingKey() {
                return new Reply(403, "{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers "
                        + "(callers without established identity). Please use API Key or other form of API consumer "
                        + "identity to call this API.\",\"status\":\"PERMISSION_DENIED\"}}");
            }

            @Override Reply invalidKey() {
                return new Reply(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API "
                        + "key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google."
                        + "rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}");
            }

            @Override Reply rateLimited() {
                return new Reply(429, "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota. Quota "
                        + "exceeded for metric: generate_content_free_tier_requests, limit: 10, model: gemini-2.5-flash"
                        + "\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc."
                        + "RetryInfo\",\"retryDelay\":\"34s\"}]}}");
            }

            @Override Reply quotaExhausted() {
                return new Reply(429, "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota. Quota "
                        + "exceeded for metric: generate_content_free_tier_requests, limit: 0, model: gemini-2.5-flash"
                        + "\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
            }
        },
        BEDROCK {
            /** The access key id of a SigV4 signature (never checked: the fake has no secrets), or a Bedrock API key. */
            @Override String key(HttpExchange e) {
                String auth = e.getRequestHeaders().getFirst("Authorization");
                if (auth == null) return null;
                int credential = auth.indexOf("Credential=");
                if (auth.startsWith("AWS4-HMAC-SHA256") && credential >= 0) {
                    int slash = auth.indexOf('/', credential);
                    return slash < 0 ? null : auth.substring(credential + "Credential=".length(), slash);
                }
                return bearer(auth);
            }

            @Override Reply success() {
                return new Reply(200, "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":"
                        + "\"Hello from the fake provider.\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":9,"
                        + "\"outputTokens\":7,\"totalTokens\":16},\"metrics\":{\"latencyMs\":42}}")
                        .header("x-amzn-RequestId", REQUEST_ID);
            }

            @Override Reply missingKey() {
                return amazonError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
            }

            @Override Reply invalidKey() {
                return amazonError(403, "UnrecognizedClientException",
                        "The security token included in the request is invalid.");
            }

            @Override Reply rateLimited() {
                return amazonError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
            }

            /**
             * Bedrock bills usage afterwards and has no credit to run out of; an account's service quota is
             * what it says is spent, with a 400 that clears with time.
             */
            @Override Reply quotaExhausted() {
                return amazonError(400, "ServiceQuotaExceededException", "Your request exceeds the service quota for "
                        + "your account. You can view your quotas at Viewing service quotas. You can resubmit your "
                        + "request later.");
            }
        };

        static Reply amazonError(int status, String type, String message) {
            return new Reply(status, "{\"message\":\"" + message + "\"}")
                    .header("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                    .header("x-amzn-RequestId", REQUEST_ID);
        }



        abstract String key(HttpExchange e);

        /** Which API a request speaks: by path, and by the headers only that provider's clients send. */
        static Dialect of(String path, HttpExchange e) {
            if (path.startsWith("/v1/messages") || e.getRequestHeaders().containsKey("anthropic-version")) {
                return ANTHROPIC;
            }
            if (path.contains(":generateContent") || path.startsWith("/v1beta/")) {
                return GEMINI;
            }
            if (path.startsWith("/model/")) {
                return BEDROCK;
            }
            return OPENAI;
        }

        abstract Reply success();

        abstract Reply missingKey();

        abstract Reply invalidKey();

        abstract Reply rateLimited();

        abstract Reply quotaExhausted();

        static String bearer(String authorization) {
            if (authorization == null) return null;
            String v = authorization.trim();
            return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : v;
        }

        static Reply openAiError(int status, String message, String type, String code) {
            return new Reply(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type
                    + "\",\"param\":null,\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}")
                    .header("x-request-id", REQUEST_ID);
        }

        static Reply anthropicError(int status, String type, String message) {
            return new Reply(status, "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\""
                    + message + "\"},\"request_id\":\"" + REQUEST_ID + "\"}").header("request-id", REQUEST_ID);
        }

        /** Shaped like the provider's own ids; Gemini sends none. */
        String requestId(int sequence) {
            switch (this) {
                case OPENAI: return String.format("req_%032x", sequence);
                case ANTHROPIC: return String.format("req_011CFAKE%016d", sequence);
                case BEDROCK: return String.format("00000000-0000-4000-8000-%012d", sequence);
                default: return "";
            }
        }
    }
}
