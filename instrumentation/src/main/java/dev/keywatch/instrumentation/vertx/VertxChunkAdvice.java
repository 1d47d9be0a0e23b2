package dev.keywatch.instrumentation.vertx;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** At the start of {@code HttpClientResponseImpl.handleChunk(Buffer)}, before the chunk is handed on. */
public final class VertxChunkAdvice {
    private VertxChunkAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object response, @Advice.Argument(0) Object buffer) {
        KeywatchBridge.vertxChunk(response, buffer);
    }
}
