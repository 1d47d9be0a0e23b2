package dev.keywatch.instrumentation.vertx;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** At the end of {@code HttpClientResponseImpl}'s constructor: status and headers of the request's response. */
public final class VertxResponseAdvice {
    private VertxResponseAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) Object request, @Advice.This Object response) {
        KeywatchBridge.vertxResponse(request, response);
    }
}
