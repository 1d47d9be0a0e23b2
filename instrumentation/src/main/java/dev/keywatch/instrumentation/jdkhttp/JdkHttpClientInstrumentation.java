package dev.keywatch.instrumentation.jdkhttp;

import static dev.keywatch.instrumentation.weave.BridgeCall.call;
import static dev.keywatch.instrumentation.weave.Operand.argument;
import static dev.keywatch.instrumentation.weave.Operand.returned;
import static dev.keywatch.instrumentation.weave.Operand.thrown;
import static dev.keywatch.instrumentation.weave.Operand.token;

import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.weave.ClassHooks;
import dev.keywatch.instrumentation.weave.MethodHook;
import dev.keywatch.instrumentation.weave.MethodMatcher;
import java.util.Collections;
import java.util.List;

/**
 * {@code java.net.http.HttpClient}: {@code send} and {@code sendAsync}, any body handler. All of them call
 * {@code jdk.internal.net.http.HttpClientImpl}'s private four-argument {@code sendAsync} exactly once per
 * exchange, whose body handler is swapped for one that copies an error body as the application reads it.
 */
public final class JdkHttpClientInstrumentation implements ClientInstrumentation {
    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public List<ClassHooks> classes() {
        return Collections.singletonList(ClassHooks.of("jdk.internal.net.http.HttpClientImpl", MethodHook
                .on(MethodMatcher.named("sendAsync").privateOnly().arguments(4)
                        .argument(0, "java.net.http.HttpRequest"))
                .onEnter(call("jdkHttpStart", argument(0)).into(token()),
                        call("jdkHttpBodyHandler", token(), argument(1)).into(argument(1)))
                .onExit(call("jdkHttpSent", token(), returned(), thrown()))));
    }
}
