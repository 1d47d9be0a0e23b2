package dev.keywatch.instrumentation.urlconnection;

import dev.keywatch.bootstrap.KeywatchBridge;
import java.io.InputStream;
import net.bytebuddy.asm.Advice;

/** Hands the application a tee of the error stream it asked for, when an LLM error body is awaited. */
public final class UrlConnectionErrorStreamAdvice {
    private UrlConnectionErrorStreamAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    @SuppressWarnings("UnusedAssignment")
    static void exit(@Advice.This Object connection, @Advice.Return(readOnly = false) InputStream stream) {
        if (stream != null) {
            stream = (InputStream) KeywatchBridge.urlConnectionErrorStream(connection, stream);
        }
    }
}
