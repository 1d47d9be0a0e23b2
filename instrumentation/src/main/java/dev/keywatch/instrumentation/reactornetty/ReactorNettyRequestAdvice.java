package dev.keywatch.instrumentation.reactornetty;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpClientConnect$HttpClientHandler.requestWithBody(HttpClientOperations)}. */
public final class ReactorNettyRequestAdvice {
    private ReactorNettyRequestAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object handler, @Advice.Argument(0) Object operations) {
        KeywatchBridge.reactorNettyRequest(handler, operations);
    }
}
