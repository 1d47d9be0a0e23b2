package dev.keywatch.instrumentation.apache;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into HttpClient 4's {@code MainClientExec.execute(route, request, context, execAware)}. */
public final class ApacheHttpClient4ExecAdvice {
    private ApacheHttpClient4ExecAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.Argument(0) Object route, @Advice.Argument(1) Object request) {
        return KeywatchBridge.apache4Start(route, request);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.Return Object response, @Advice.Thrown Throwable thrown) {
        if (token != null) {
            KeywatchBridge.apache4End(token, response, thrown);
        }
    }
}
