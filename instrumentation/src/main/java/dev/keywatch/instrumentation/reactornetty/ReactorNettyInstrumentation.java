package dev.keywatch.instrumentation.reactornetty;

import static dev.keywatch.instrumentation.weave.BridgeCall.call;
import static dev.keywatch.instrumentation.weave.Operand.argument;
import static dev.keywatch.instrumentation.weave.Operand.none;
import static dev.keywatch.instrumentation.weave.Operand.returned;
import static dev.keywatch.instrumentation.weave.Operand.self;

import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.weave.ClassHooks;
import dev.keywatch.instrumentation.weave.MethodHook;
import dev.keywatch.instrumentation.weave.MethodMatcher;
import java.util.Arrays;
import java.util.List;

/**
 * Reactor Netty 1.x's HTTP client: where the request is prepared on a connection
 * ({@code HttpClientConnect$HttpClientHandler.requestWithBody}), where the request's errors are retried
 * or handed to the application ({@code test(Throwable)}), and where the connection's operations receive
 * each response message or learn that the connection closed or failed.
 */
public final class ReactorNettyInstrumentation implements ClientInstrumentation {
    private static final String PACKAGE = "reactor.netty.http.client.";
    private static final String HANDLER = PACKAGE + "HttpClientConnect$HttpClientHandler";
    private static final String OPERATIONS = PACKAGE + "HttpClientOperations";

    @Override
    public String name() {
        return ReactorNettyCapture.CLIENT;
    }

    @Override
    public List<ClassHooks> classes() {
        return Arrays.asList(
                ClassHooks.of(HANDLER,
                        MethodHook.on(MethodMatcher.named("requestWithBody").arguments(1))
                                .onExit(call("reactorNettyRequest", self(), argument(0))),
                        // test(Throwable) decides whether an error is retried (a redirect, a pooled connection
                        // found closed) or reaches the application.
                        MethodHook.on(MethodMatcher.named("test").arguments(1).argument(0, "java.lang.Throwable"))
                                .onExit(call("reactorNettyFailed", self(), argument(0), returned()))),
                ClassHooks.of(OPERATIONS,
                        // At the start: the message is read before the method hands it on or releases it.
                        MethodHook.on(MethodMatcher.named("onInboundNext").arguments(2))
                                .onEnter(call("reactorNettyInbound", self(), argument(1))),
                        MethodHook.on(MethodMatcher.named("onInboundClose", "onInboundCancel").arguments(0))
                                .onEnter(call("reactorNettyClosed", self(), none())),
                        MethodHook.on(MethodMatcher.named("onOutboundError").arguments(1))
                                .onEnter(call("reactorNettyClosed", self(), argument(0)))));
    }
}
