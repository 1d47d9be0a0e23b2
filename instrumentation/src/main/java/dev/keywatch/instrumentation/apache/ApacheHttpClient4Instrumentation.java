package dev.keywatch.instrumentation.apache;

import static dev.keywatch.instrumentation.weave.BridgeCall.call;
import static dev.keywatch.instrumentation.weave.Operand.argument;
import static dev.keywatch.instrumentation.weave.Operand.returned;
import static dev.keywatch.instrumentation.weave.Operand.thrown;
import static dev.keywatch.instrumentation.weave.Operand.token;

import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.weave.ClassHooks;
import dev.keywatch.instrumentation.weave.MethodHook;
import dev.keywatch.instrumentation.weave.MethodMatcher;
import java.util.Arrays;
import java.util.List;

/**
 * Apache HttpClient 4.3 to 4.5: the last step of the execution chain of every client its builders make
 * ({@code MainClientExec}, and {@code MinimalClientExec} for {@code HttpClients.createMinimal}). Its
 * {@code execute(route, request, context, execAware)} sets up the route, sends the request and returns
 * the response, once per attempt.
 */
public final class ApacheHttpClient4Instrumentation implements ClientInstrumentation {
    private static final String EXECCHAIN = "org.apache.http.impl.execchain.";
    private static final MethodHook EXECUTE = MethodHook
            .on(MethodMatcher.named("execute").arguments(4).argument(0, "org.apache.http.conn.routing.HttpRoute"))
            .onEnter(call("apache4Start", argument(0), argument(1)).into(token()))
            .onExit(call("apache4End", token(), returned(), thrown()));

    @Override
    public String name() {
        return ApacheHttpClient4Capture.CLIENT;
    }

    @Override
    public List<ClassHooks> classes() {
        return Arrays.asList(ClassHooks.of(EXECCHAIN + "MainClientExec", EXECUTE),
                ClassHooks.of(EXECCHAIN + "MinimalClientExec", EXECUTE));
    }
}
