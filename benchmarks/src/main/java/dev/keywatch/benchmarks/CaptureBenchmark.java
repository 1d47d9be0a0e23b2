package dev.keywatch.benchmarks;

import dev.keywatch.agent.catalog.ProviderCatalog;
import dev.keywatch.agent.classify.Classifier;
import dev.keywatch.agent.keys.KeyMemory;

import dev.keywatch.agent.pipeline.Pipeline;
import dev.keywatch.capture.CaptureSettings;
import dev.keywatch.capture.CapturedExchange;
import dev.keywatch.capture.trace.ActiveSpanReader;
import dev.keywatch.credential.CredentialReducer;
import dev.keywatch.exporter.KeywatchMetrics;
import dev.keywatch.exporter.events.CallEvents;
import dev.keywatch.exporter.events.EventLog;
import dev.keywatch.instrumentation.CaptureHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to one OkHttp call, measured through the same hooks the advice calls (the bridge
 * is a null check and a try around these), the real classifier, key memory and Micrometer registry,
 * with real OkHttp request and response objects. No network: the cost of the agent alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The failure path settles only after some 5 seconds (its event thread writes a line per failure beside
// it): 3 warm-up iterations left the first measured ones twice as slow.
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class CaptureBenchmark {
    /** Made up, shaped like a project key. */
    private static final String KEY = "sk-proj-" + "Bm3Kq7Vx2Lp9Wz4Rt6Yh8Nd1Fs5Gc0Ja".repeat(3).substring(0, 74)
            + "T3BlbkFJ" + "Qe4Tr8Uy2Io6Pa0Sd3Fg7Hj1Kl5Zx9Cv".repeat(3).substring(0, 74);
    private static final String INVALID_KEY_BODY = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****. "
            + "You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"invalid_api_key\"}}";

    private final AtomicInteger agentErrors = new AtomicInteger();
    private final AtomicInteger droppedEvents = new AtomicInteger();
    private CaptureHooks hooks;
    private CaptureHooks handingOffHooks;
    private CapturedExchange handedOff;
    private CallEvents events;
    private Call otherHostCall;
    private Call llmCall;
    private Response success;
    private Response unauthorized;
    private MediaType json;
    private HttpRequest jdkRequest;
    private HttpResponse.ResponseInfo jdkSuccess;

    @Setup
    public void setUp() {
        KeywatchMetrics metrics = new KeywatchMetrics("bench", Collections.singletonList("okhttp"));
        // As the agent runs by default: each failure becomes an event line, written by the event thread
        // (to a rotating temporary file here, instead of standard error).
        String eventFile;
        try {
            eventFile = Files.createTempFile("keywatch-bench", ".jsonl").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A benchmark makes failures faster than any application: a full event queue drops (and counts)
        // lines by design, which is not an error here.
        events = new CallEvents(EventLog.open(eventFile, EventLog.DEFAULT_MAX_BYTES, 1, w -> { }), null, false,
                CallEvents.CAPACITY, (component, error) -> (component.equals("events") ? droppedEvents : agentErrors)
                        .incrementAndGet());
        Pipeline pipeline = new Pipeline(new Classifier(), new KeyMemory(100, Collections.emptyMap()), () -> metrics,
                events);
        hooks = new CaptureHooks(new CaptureSettings(ProviderCatalog.create(Collections.emptyMap(), w -> { }),
                new CredentialReducer(null, true), pipeline, (component, error) -> agentErrors.incrementAndGet(), 8192,
                CaptureSettings.DEFAULT_BODY_WAIT_MILLIS, ActiveSpanReader.NONE));

        // The agent hands exchanges to its reporting thread; here the hand-off is a field store, so that what
        // the application's thread pays is measured alone (the real queue's offer adds some tens of ns).
        handingOffHooks = new CaptureHooks(new CaptureSettings(ProviderCatalog.create(Collections.emptyMap(), w -> { }),
                new CredentialReducer(null, true), exchange -> handedOff = exchange,
                (component, error) -> agentErrors.incrementAndGet(), 8192, CaptureSettings.DEFAULT_BODY_WAIT_MILLIS,
                ActiveSpanReader.NONE));

        OkHttpClient client = new OkHttpClient();
        MediaType json = MediaType.get("application/json");
        otherHostCall = client.newCall(new Request.Builder().url("https://payments.example.com/v1/charges")
                .header("Authorization", "Bearer not-an-llm-key").build());
        Request llmRequest = new Request.Builder().url("https://api.openai.com/v1/chat/completions")
                .header("Authorization", "Bearer " + KEY)
                .post(RequestBody.create("{\"model\":\"gpt-4o-mini\"}", json)).build();
        llmCall = client.newCall(llmRequest);
        success = new Response.Builder().request(llmRequest).protocol(Protocol.HTTP_2).code(200).message("OK")
                .header("content-type", "application/json").header("x-request-id", "req_00000000000000000000000000000001")
                .header("x-ratelimit-remaining-requests", "4999").header("x-ratelimit-remaining-tokens", "49000")
                .body(ResponseBody.create("{\"id\":\"chatcmpl-1\"}", json)).build();
        unauthorized = new Response.Builder().request(llmRequest).protocol(Protocol.HTTP_2).code(401).message("Unauthorized")
                .header("content-type", "application/json").header("x-request-id", "req_00000000000000000000000000000002")
                .body(ResponseBody.create("", json)).build();
        this.json = json;

        jdkRequest = HttpRequest.newBuilder(URI.create("https://api.openai.com/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\"}")).build();
        // The JDK client's own headers map: case-insensitive and sorted, as HttpHeaders.of makes it.
        HttpHeaders headers = HttpHeaders.of(Map.of("content-type", List.of("application/json"),
                "content-length", List.of("18"), "date", List.of("Sun, 06 Dec 2026 23:00:00 GMT"),
                "x-request-id", List.of("req_00000000000000000000000000000001"),
                "x-ratelimit-remaining-requests", List.of("4999"),
                "x-ratelimit-remaining-tokens", List.of("49000")), (name, value) -> true);
        jdkSuccess = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    /** A call to any other host: the host lookup is all it may cost. */
    @Benchmark
    public Object otherHost() throws Throwable {
        return hooks.okHttpStart(otherHostCall);
    }

    /**
     * An LLM call that succeeds, all its work on one thread: credential reduced (cached), classified ok,
     * counted, key state kept.
     */
    @Benchmark
    public Object llmSuccess() throws Throwable {
        return hooks.okHttpEnd(hooks.okHttpStart(llmCall), success, null);
    }

    /** The same success, but only what the application's thread pays: the rest is the reporting thread's. */
    @Benchmark
    public Object llmSuccessApplicationThread() throws Throwable {
        return handingOffHooks.okHttpEnd(handingOffHooks.okHttpStart(llmCall), success, null);
    }

    /**
     * A JDK-client call that succeeds, all its work on one thread: what {@code send} passes through the hooks
     * (request read, body handler wrapped, the future observed), the response's status and headers, the
     * future completing.
     */
    @Benchmark
    public Object jdkLlmSuccess() throws Throwable {
        return jdkCall(hooks);
    }

    /** The same JDK-client success, but only what the client's threads pay: the rest is the reporting thread's. */
    @Benchmark
    public Object jdkLlmSuccessClientThreads() throws Throwable {
        return jdkCall(handingOffHooks);
    }

    private Object jdkCall(CaptureHooks through) throws Throwable {
        Object token = through.jdkHttpStart(jdkRequest);
        HttpResponse.BodyHandler<?> handler = (HttpResponse.BodyHandler<?>) through.jdkHttpBodyHandler(token,
                HttpResponse.BodyHandlers.discarding());
        CompletableFuture<Object> future = new CompletableFuture<>();
        through.jdkHttpSent(token, future, null);
        handler.apply(jdkSuccess);
        future.complete(null);
        return future;
    }

    /**
     * An LLM call rejected with 401, and the application reading the error body: the body copied as it is
     * read, parsed and classified. {@link #unauthorizedBodyAlone} is the same work without the agent.
     */
    @Benchmark
    public String llmUnauthorizedWithBody() throws Throwable {
        Response handedOn = (Response) hooks.okHttpEnd(hooks.okHttpStart(llmCall), freshUnauthorized(), null);
        return handedOn.body().string();
    }

    /** The baseline of {@link #llmUnauthorizedWithBody}: a fresh 401 response read by the application, no agent. */
    @Benchmark
    public String unauthorizedBodyAlone() throws IOException {
        return freshUnauthorized().body().string();
    }

    /** A response body is read once, so each call gets its own. */
    private Response freshUnauthorized() {
        return unauthorized.newBuilder().body(ResponseBody.create(INVALID_KEY_BODY, json)).build();
    }

    @TearDown
    public void noSwallowedErrors() {
        events.close();
        if (droppedEvents.get() > 0) {
            System.out.println("event lines dropped by the full queue: " + droppedEvents.get());
        }
        if (agentErrors.get() != 0) {
            throw new IllegalStateException(agentErrors.get() + " errors were swallowed during the benchmark");
        }
    }
}
