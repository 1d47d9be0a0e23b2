package dev.keywatch.instrumentation.okhttp;

import static dev.keywatch.capture.ApplicationPackages.OKHTTP3;
import static dev.keywatch.instrumentation.weave.BridgeCall.call;
import static dev.keywatch.instrumentation.weave.Operand.returned;
import static dev.keywatch.instrumentation.weave.Operand.self;
import static dev.keywatch.instrumentation.weave.Operand.thrown;
import static dev.keywatch.instrumentation.weave.Operand.token;

import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.weave.ClassHooks;
import dev.keywatch.instrumentation.weave.MethodHook;
import dev.keywatch.instrumentation.weave.MethodMatcher;
import java.util.Arrays;
import java.util.List;

/**
 * OkHttp 3.x ({@code okhttp3.RealCall}), 4.x and 5.x ({@code okhttp3.internal.connection.RealCall}):
 * {@code getResponseWithInterceptorChain}, the one method every call, sync or async, goes through once,
 * after the application interceptors and with the response the application will get. The bridge may hand
 * on the same response with its error body copied as it is read.
 */
public final class OkHttpInstrumentation implements ClientInstrumentation {
    // 4.x and 5.x compile Kotlin's internal function to a name-mangled "$okhttp" method; the oldest 3.x
    // releases took a boolean. The hook reads neither arguments nor anything but the Response.
    private static final MethodHook CHAIN = MethodHook
            .on(MethodMatcher.named("getResponseWithInterceptorChain", "getResponseWithInterceptorChain$okhttp")
                    .returning(OKHTTP3 + ".Response"))
            .onEnter(call("okHttpStart", self()).into(token()))
            .onExit(call("okHttpEnd", token(), returned(), thrown()).into(returned()));

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public List<ClassHooks> classes() {
        return Arrays.asList(ClassHooks.of(OKHTTP3 + ".RealCall", CHAIN),
                ClassHooks.of(OKHTTP3 + ".internal.connection.RealCall", CHAIN));
    }
}
