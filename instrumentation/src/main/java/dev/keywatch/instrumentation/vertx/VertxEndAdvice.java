package dev.keywatch.instrumentation.vertx;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the end of a response body, {@code HttpClientResponseImpl.handleEnd(trailers)} (Vert.x 4 to
 * 5.0) or {@code handleTrailers(trailers)} (5.2), and into {@code handleException(Throwable)}.
 */
public final class VertxEndAdvice {
    private VertxEndAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object response) {
        KeywatchBridge.vertxEnded(response);
    }
}
