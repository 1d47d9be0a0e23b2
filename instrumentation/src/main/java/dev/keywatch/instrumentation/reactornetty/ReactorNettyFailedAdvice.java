package dev.keywatch.instrumentation.reactornetty;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpClientOperations.onOutboundError(Throwable)}. */
public final class ReactorNettyFailedAdvice {
    private ReactorNettyFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object operations, @Advice.Argument(0) Throwable error) {
        KeywatchBridge.reactorNettyClosed(operations, error);
    }
}
