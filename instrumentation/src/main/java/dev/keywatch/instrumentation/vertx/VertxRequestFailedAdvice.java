package dev.keywatch.instrumentation.vertx;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpClientRequestBase.fail(Throwable)}: reset, closed, timed out. */
public final class VertxRequestFailedAdvice {
    private VertxRequestFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object request, @Advice.Argument(0) Throwable error) {
        KeywatchBridge.vertxRequestFailed(request, error);
    }
}
