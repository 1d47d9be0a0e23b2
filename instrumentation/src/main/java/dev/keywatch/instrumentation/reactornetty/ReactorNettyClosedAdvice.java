package dev.keywatch.instrumentation.reactornetty;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpClientOperations.onInboundClose()} and {@code onInboundCancel()}. */
public final class ReactorNettyClosedAdvice {
    private ReactorNettyClosedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object operations) {
        KeywatchBridge.reactorNettyClosed(operations, null);
    }
}
