package dev.keywatch.exporter.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One JSON line per failed LLM call, to standard error or a file rotated by size; never a key, only its
 * fingerprint and hint. Written from the event thread only.
 */
public final class EventLog {
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_BACKUPS = 5;

    private final LogOutput out;

    private EventLog(LogOutput out) {
        this.out = out;
    }

    /**
     * {@code stderr}, {@code off}, or a file path (appended to); a file that cannot be opened falls back
     * to standard error.
     */
    public static EventLog open(String target, long maxBytes, int backups, Consumer<String> warn) {
        if ("off".equals(target)) {
            return new EventLog(null);
        }
        if ("stderr".equals(target)) {
            return new EventLog(LogOutput.STDERR);
        }
        try {
            return new EventLog(new RotatingFile(Paths.get(target), maxBytes, backups));
        } catch (IOException | RuntimeException e) {
            warn.accept("cannot open keywatch.log=" + target + " (" + e.getClass().getSimpleName()
                    + "); logging failed calls to stderr");
            return new EventLog(LogOutput.STDERR);
        }
    }

    public boolean enabled() {
        return out != null;
    }

    /**
     * @param traceId the trace of the call's span (Keywatch's, or the application's when Keywatch made
     *                none); null when there is none
     */
    public void write(CallEvent e, String traceId, String spanId) throws IOException {
        if (out == null) {
            return;
        }
        out.write(line(e, traceId, spanId).getBytes(StandardCharsets.UTF_8));
    }

    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    static String line(CallEvent e, String traceId, String spanId) {
        StringBuilder sb = new StringBuilder(512);
        sb.append('{');
        field(sb, "time", Instant.ofEpochSecond(0, e.endEpochNanos()).toString(), true);
        field(sb, "event", "keywatch.llm_call_failed", false);
        field(sb, "client", e.client(), false);
        field(sb, "provider", e.provider(), false);
        field(sb, "host", e.host(), false);
        field(sb, "method", e.method(), false);
        field(sb, "path", e.path(), false);
        sb.append(",\"status\":").append(e.status());
        field(sb, "category", e.category(), false);
        field(sb, "reason", e.reason(), false);
        field(sb, "provider_code", e.providerCode(), false);
        field(sb, "request_id", e.requestId(), false);
        field(sb, "key", e.keyLabel(), false);
        field(sb, "key_fingerprint", e.fingerprint(), false);
        field(sb, "key_hint", e.hint(), false);
        if (e.retryAfterSeconds() >= 0) sb.append(",\"retry_after_seconds\":").append(e.retryAfterSeconds());
        if (e.retryAttempt() >= 0) sb.append(",\"retry_attempt\":").append(e.retryAttempt());
        field(sb, "transport_error", e.transportError(), false);
        sb.append(",\"duration_ms\":").append(e.durationNanos() / 1_000_000);
        field(sb, "trace_id", traceId, false);
        field(sb, "span_id", spanId, false);
        sb.append('}').append(System.lineSeparator());
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value, boolean first) {
        if (value == null) {
            return;
        }
        if (!first) sb.append(',');
        JsonText.quote(sb.append('"').append(name).append("\":"), value);
    }
}
