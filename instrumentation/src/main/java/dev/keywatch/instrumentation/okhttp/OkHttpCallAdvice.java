package dev.keywatch.instrumentation.okhttp;

import dev.keywatch.bootstrap.KeywatchBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code RealCall.getResponseWithInterceptorChain}: the one method every OkHttp call, sync
 * or async, goes through once, after the application interceptors and with the response the
 * application will get. The bridge may hand on the same response with its error body copied as it is
 * read. References nothing but the bridge.
 */
public final class OkHttpCallAdvice {
    private OkHttpCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object call) {
        return KeywatchBridge.okHttpStart(call);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token,
                     @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
                     @Advice.Thrown Throwable thrown) {
        if (token != null) {
            response = KeywatchBridge.okHttpEnd(token, response, thrown);
        }
    }
}
