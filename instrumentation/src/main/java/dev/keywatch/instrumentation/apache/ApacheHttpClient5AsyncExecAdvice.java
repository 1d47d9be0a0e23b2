package dev.keywatch.instrumentation.apache;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into HttpClient 5's {@code AsyncConnectExec.execute(request, producer, scope, chain, callback)}:
 * the exchange's callback is replaced by one that watches it and passes every call on.
 */
public final class ApacheHttpClient5AsyncExecAdvice {
    private ApacheHttpClient5AsyncExecAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings("UnusedAssignment")
    static Object enter(@Advice.Argument(0) Object request, @Advice.Argument(2) Object scope,
                        @Advice.Argument(value = 4, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                        Object callback) {
        Object token = KeywatchBridge.apache5Start(request, scope);
        if (token != null) {
            callback = KeywatchBridge.apache5AsyncCallback(token, callback);
        }
        return token;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
        if (token != null && thrown != null) {
            KeywatchBridge.apache5AsyncFailed(token, thrown);
        }
    }
}
