package dev.keywatch.instrumentation.vertx;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpClientResponseImpl.handleEnd(trailers)} and {@code handleException(Throwable)}. */
public final class VertxEndAdvice {
    private VertxEndAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object response) {
        KeywatchBridge.vertxEnded(response);
    }
}
