package dev.keywatch.instrumentation.apache;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into HttpClient 5's classic {@code ConnectExec.execute(request, scope, chain)}. */
public final class ApacheHttpClient5ExecAdvice {
    private ApacheHttpClient5ExecAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object scope) {
        return KeywatchBridge.apache5Start(request, scope);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.Return Object response, @Advice.Thrown Throwable thrown) {
        if (token != null) {
            KeywatchBridge.apache5End(token, response, thrown);
        }
    }
}
