package dev.keywatch.instrumentation.reactornetty;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientConnect$HttpClientHandler.test(Throwable)}, which decides whether an error
 * of the request is retried (a redirect, a pooled connection found closed) or reaches the application.
 */
public final class ReactorNettyRetryAdvice {
    private ReactorNettyRetryAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object handler, @Advice.Argument(0) Throwable error, @Advice.Return boolean retried) {
        if (!retried) {
            KeywatchBridge.reactorNettyFailed(handler, error);
        }
    }
}
