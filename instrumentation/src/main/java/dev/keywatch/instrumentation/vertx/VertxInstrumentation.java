package dev.keywatch.instrumentation.vertx;

import static dev.keywatch.instrumentation.weave.BridgeCall.call;
import static dev.keywatch.instrumentation.weave.Operand.argument;
import static dev.keywatch.instrumentation.weave.Operand.self;

import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.weave.ClassHooks;
import dev.keywatch.instrumentation.weave.MethodHook;
import dev.keywatch.instrumentation.weave.MethodMatcher;
import java.util.Arrays;
import java.util.List;

/**
 * Vert.x 4 and 5 core HTTP client ({@code io.vertx.core.http.impl}): the end of the request's constructor
 * (a request on a connection to its server) and its failure; the end of the response's constructor
 * (status and headers of the request's response), and the start of each body chunk, the body's end and
 * the response's failure.
 */
public final class VertxInstrumentation implements ClientInstrumentation {
    private static final String REQUEST = "io.vertx.core.http.impl.HttpClientRequestBase";
    private static final String RESPONSE = "io.vertx.core.http.impl.HttpClientResponseImpl";

    @Override
    public String name() {
        return VertxCapture.CLIENT;
    }

    @Override
    public List<ClassHooks> classes() {
        return Arrays.asList(
                ClassHooks.of(REQUEST,
                        MethodHook.on(MethodMatcher.constructor()).onExit(call("vertxRequest", self())),
                        MethodHook.on(MethodMatcher.named("fail").arguments(1).argument(0, "java.lang.Throwable"))
                                .onEnter(call("vertxRequestFailed", self(), argument(0)))),
                ClassHooks.of(RESPONSE,
                        MethodHook.on(MethodMatcher.constructor().argument(0, REQUEST))
                                .onExit(call("vertxResponse", argument(0), self())),
                        MethodHook.on(MethodMatcher.named("handleChunk").arguments(1))
                                .onEnter(call("vertxChunk", self(), argument(0))),
                        // The body ends in handleEnd up to 5.0, in handleTrailers in 5.2.
                        MethodHook.on(MethodMatcher.named("handleEnd", "handleTrailers").arguments(1))
                                .onEnter(call("vertxEnded", self())),
                        MethodHook.on(MethodMatcher.named("handleException").arguments(1)
                                        .argument(0, "java.lang.Throwable"))
                                .onEnter(call("vertxEnded", self()))));
    }
}
