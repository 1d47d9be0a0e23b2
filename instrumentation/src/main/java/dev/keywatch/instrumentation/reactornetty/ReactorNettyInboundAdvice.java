package dev.keywatch.instrumentation.reactornetty;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of {@code HttpClientOperations.onInboundNext(ctx, message)}: the message is read
 * before the method hands it on or releases it.
 */
public final class ReactorNettyInboundAdvice {
    private ReactorNettyInboundAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object operations, @Advice.Argument(1) Object message) {
        KeywatchBridge.reactorNettyInbound(operations, message);
    }
}
