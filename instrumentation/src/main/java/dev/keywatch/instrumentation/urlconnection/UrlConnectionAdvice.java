package dev.keywatch.instrumentation.urlconnection;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code sun.net.www.protocol.http.HttpURLConnection}'s {@code connect},
 * {@code getOutputStream} and {@code getInputStream}. Reads the status from the {@code responseCode}
 * field, never through {@code getResponseCode()}, which has side effects. The header fields are read
 * directly because {@code getRequestProperty("Authorization")} hides the credential.
 */
public final class UrlConnectionAdvice {
    private UrlConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object connection) {
        return KeywatchBridge.urlConnectionEnter(connection);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token,
                     @Advice.This Object connection,
                     @Advice.FieldValue("responseCode") int responseCode,
                     @Advice.FieldValue("userHeaders") Object requestHeaders,
                     @Advice.FieldValue("responses") Object responseHeaders,
                     @Advice.Thrown Throwable thrown,
                     @Advice.Origin("#m") String method) {
        if (token != null) {
            KeywatchBridge.urlConnectionExit(token, connection, responseCode, requestHeaders, responseHeaders,
                    thrown, "getInputStream".equals(method));
        }
    }
}
