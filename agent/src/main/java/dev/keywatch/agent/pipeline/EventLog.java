package dev.keywatch.agent.pipeline;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import dev.keywatch.agent.JsonText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/** One JSON line per failed LLM call, to stderr or a file; never a key, only its fingerprint and hint. */
public final class EventLog {
    private final PrintStream out;

    private EventLog(PrintStream out) {
        this.out = out;
    }

    /** {@code stderr}, {@code off}, or a file path (appended to); a file that cannot be opened falls back to stderr. */
    public static EventLog open(String target, Consumer<String> warn) {
        if ("off".equals(target)) {
            return new EventLog(null);
        }
        if ("stderr".equals(target)) {
            return new EventLog(System.err);
        }
        try {
            OutputStream file = new FileOutputStream(target, true);
            return new EventLog(new PrintStream(file, true, "UTF-8"));
        } catch (IOException | SecurityException e) {
            warn.accept("cannot open keywatch.log=" + target + " (" + e.getClass().getSimpleName()
                    + "); logging failed calls to stderr");
            return new EventLog(System.err);
        }
    }

    public boolean enabled() {
        return out != null;
    }

    public void write(Event e) {
        if (out == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(512);
        sb.append('{');
        field(sb, "time", Instant.ofEpochMilli(e.epochMillis).toString(), true);
        field(sb, "event", "keywatch.llm_call_failed", false);
        field(sb, "client", e.client, false);
        field(sb, "provider", e.provider, false);
        field(sb, "host", e.host, false);
        field(sb, "method", e.method, false);
        field(sb, "path", e.path, false);
        sb.append(",\"status\":").append(e.status);
        field(sb, "category", e.category, false);
        field(sb, "reason", e.reason, false);
        field(sb, "provider_code", e.providerCode, false);
        field(sb, "request_id", e.requestId, false);
        field(sb, "key", e.keyLabel, false);
        field(sb, "key_fingerprint", e.fingerprint, false);
        field(sb, "key_hint", e.hint, false);
        if (e.retryAfterSeconds >= 0) sb.append(",\"retry_after_seconds\":").append(e.retryAfterSeconds);
        if (e.retryAttempt >= 0) sb.append(",\"retry_attempt\":").append(e.retryAttempt);
        field(sb, "transport_error", e.transportError, false);
        sb.append('}');
        byte[] line = (sb + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(line, 0, line.length);
            out.flush();
        }
    }

    private static void field(StringBuilder sb, String name, String value, boolean first) {
        if (value == null) {
            return;
        }
        if (!first) sb.append(',');
        JsonText.quote(sb.append('"').append(name).append("\":"), value);
    }

    /** The fields of one line. */
    public static final class Event {
        long epochMillis;
        String client;
        String provider;
        String host;
        String method;
        String path;
        int status;
        String category;
        String reason;
        String providerCode;
        String requestId;
        String keyLabel;
        String fingerprint;
        String hint;
        double retryAfterSeconds = -1;
        int retryAttempt = -1;
        String transportError;
    }
}
