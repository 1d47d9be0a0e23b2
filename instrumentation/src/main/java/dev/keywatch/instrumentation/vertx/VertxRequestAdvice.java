package dev.keywatch.instrumentation.vertx;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** At the end of {@code HttpClientRequestBase}'s constructor: a request on a connection to its server. */
public final class VertxRequestAdvice {
    private VertxRequestAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object request) {
        KeywatchBridge.vertxRequest(request);
    }
}
