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
 * Apache HttpClient 5, classic and async: the connect step of each execution chain, which every attempt
 * passes once after routing, retries and redirects, with the request the connection will send. The
 * classic {@code ConnectExec.execute(request, scope, chain)} returns the response; the async
 * {@code AsyncConnectExec.execute(request, producer, scope, chain, callback)} gets a callback that watches
 * the exchange and passes every call on.
 */
public final class ApacheHttpClient5Instrumentation implements ClientInstrumentation {
    private static final String CLASSIC = "org.apache.hc.client5.http.impl.classic.ConnectExec";
    private static final String ASYNC = "org.apache.hc.client5.http.impl.async.AsyncConnectExec";

    @Override
    public String name() {
        return ApacheHttpClient5Capture.CLIENT;
    }

    @Override
    public List<ClassHooks> classes() {
        return Arrays.asList(
                ClassHooks.of(CLASSIC, MethodHook
                        .on(MethodMatcher.named("execute").arguments(3)
                                .argument(0, "org.apache.hc.core5.http.ClassicHttpRequest"))
                        .onEnter(call("apache5Start", argument(0), argument(1)).into(token()))
                        .onExit(call("apache5End", token(), returned(), thrown()))),
                ClassHooks.of(ASYNC, MethodHook
                        .on(MethodMatcher.named("execute").arguments(5)
                                .argument(0, "org.apache.hc.core5.http.HttpRequest"))
                        .onEnter(call("apache5Start", argument(0), argument(2)).into(token()),
                                call("apache5AsyncCallback", token(), argument(4)).into(argument(4)))
                        .onExit(call("apache5AsyncFailed", token(), thrown()))));
    }
}
