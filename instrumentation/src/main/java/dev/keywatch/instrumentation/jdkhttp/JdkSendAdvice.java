package dev.keywatch.instrumentation.jdkhttp;

import dev.keywatch.bootstrap.KeywatchBridge;
import java.net.http.HttpResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code jdk.internal.net.http.HttpClientImpl}'s private four-argument {@code sendAsync},
 * which {@code send} and both public {@code sendAsync} overloads call exactly once per exchange.
 */
public final class JdkSendAdvice {
    private JdkSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "UnusedAssignment"})
    static Object enter(@Advice.Argument(0) Object request,
                        @Advice.Argument(value = 1, readOnly = false) HttpResponse.BodyHandler handler) {
        Object token = KeywatchBridge.jdkHttpStart(request);
        if (token != null) {
            handler = (HttpResponse.BodyHandler) KeywatchBridge.jdkHttpBodyHandler(token, handler);
        }
        return token;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter Object token, @Advice.Return Object future, @Advice.Thrown Throwable thrown) {
        if (token != null) {
            KeywatchBridge.jdkHttpSent(token, future, thrown);
        }
    }
}
