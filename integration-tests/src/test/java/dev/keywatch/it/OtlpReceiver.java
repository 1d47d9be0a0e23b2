package dev.keywatch.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import okhttp3.Protocol;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * An OTLP trace receiver in the test's own process, decoding what a forked JVM exports with the
 * OpenTelemetry proto classes: over HTTP/protobuf (a JDK server) or gRPC (MockWebServer speaking
 * HTTP/2 without TLS, answering each export with {@code grpc-status: 0}).
 */
final class OtlpReceiver implements AutoCloseable {
    private final List<Received> spans = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer http;
    private MockWebServer grpc;

    static OtlpReceiver http() throws IOException {
        OtlpReceiver r = new OtlpReceiver();
        r.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        r.http.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                r.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
                    boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                    r.add(ExportTraceServiceRequest.parseFrom(gzip ? gunzip(body) : body));
                }
                byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(ok);
                }
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        r.http.start();
        return r;
    }

    static OtlpReceiver grpc() throws IOException {
        OtlpReceiver r = new OtlpReceiver();
        r.grpc = new MockWebServer();
        r.grpc.setProtocols(Collections.singletonList(Protocol.H2_PRIOR_KNOWLEDGE));
        r.grpc.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                r.requests.add(request.getMethod() + " " + request.getPath());
                try {
                    ByteBuffer frame = ByteBuffer.wrap(request.getBody().readByteArray());
                    boolean compressed = frame.get() == 1;
                    byte[] message = new byte[frame.getInt()];
                    frame.get(message);
                    r.add(ExportTraceServiceRequest.parseFrom(compressed ? gunzip(message) : message));
                } catch (IOException | RuntimeException e) {
                    return new MockResponse().setHeader("content-type", "application/grpc")
                            .setHeader("grpc-status", "13");
                }
                return new MockResponse().setHeader("content-type", "application/grpc").setHeader("grpc-status", "0");
            }
        });
        r.grpc.start(new InetSocketAddress("127.0.0.1", 0).getAddress(), 0);
        return r;
    }

    String endpoint() {
        int port = http != null ? http.getAddress().getPort() : grpc.getPort();
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return http != null ? http.getAddress().getPort() : grpc.getPort();
    }

    List<Received> spans() {
        return new ArrayList<>(spans);
    }

    List<Received> spans(Predicate<Received> which) {
        return spans.stream().filter(which).collect(Collectors.toList());
    }

    /** Every request the receiver answered: {@code POST /v1/traces}, … */
    List<String> requests() {
        return new ArrayList<>(requests);
    }

    void reset() {
        spans.clear();
        requests.clear();
    }

    /** Waits until at least {@code count} spans match (exporters batch on their own schedule). */
    List<Received> await(Predicate<Received> which, int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Received> found = spans(which);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            found = spans(which);
        }
        return found;
    }

    private void add(ExportTraceServiceRequest request) {
        for (ResourceSpans rs : request.getResourceSpansList()) {
            Map<String, Object> resource = attributes(rs.getResource().getAttributesList());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    spans.add(new Received(resource, ss.getScope().getName(), s));
                }
            }
        }
    }

    private static Map<String, Object> attributes(List<KeyValue> list) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (KeyValue kv : list) {
            AnyValue v = kv.getValue();
            Object value;
            switch (v.getValueCase()) {
                case STRING_VALUE: value = v.getStringValue(); break;
                case INT_VALUE: value = v.getIntValue(); break;
                case DOUBLE_VALUE: value = v.getDoubleValue(); break;
                case BOOL_VALUE: value = v.getBoolValue(); break;
                default: value = v.toString();
            }
            out.put(kv.getKey(), value);
        }
        return out;
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        if (http != null) http.stop(0);
        if (grpc != null) grpc.shutdown();
    }

    /** One span as the collector would store it. */
    static final class Received {
        final Map<String, Object> resource;
        final String scope;
        final String name;
        final Span.SpanKind kind;
        final String traceId;
        final String spanId;
        final String parentSpanId;
        final Map<String, Object> attributes;
        final String status;
        final long startNanos;
        final long endNanos;

        Received(Map<String, Object> resource, String scope, Span s) {
            this.resource = resource;
            this.scope = scope;
            this.name = s.getName();
            this.kind = s.getKind();
            this.traceId = hex(s.getTraceId().toByteArray());
            this.spanId = hex(s.getSpanId().toByteArray());
            this.parentSpanId = hex(s.getParentSpanId().toByteArray());
            this.attributes = attributes(s.getAttributesList());
            this.status = s.getStatus().getCode().name();
            this.startNanos = s.getStartTimeUnixNano();
            this.endNanos = s.getEndTimeUnixNano();
        }

        Object attribute(String key) {
            return attributes.get(key);
        }

        boolean fromKeywatch() {
            return scope.equals("dev.keywatch");
        }

        /** Everything a span carries as text, for the leak scan. */
        String text() {
            return name + " " + resource + " " + attributes;
        }

        @Override
        public String toString() {
            return scope + " " + kind + " '" + name + "' " + traceId + "/" + spanId + "<-" + parentSpanId + " " + attributes;
        }

        private static String hex(byte[] bytes) {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) sb.append(String.format("%02x", b));
            return sb.toString();
        }
    }
}
