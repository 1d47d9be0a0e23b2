package dev.keywatch.instrumentation.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.keywatch.instrumentation.ClientInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

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
    public List<String> classNames() {
        return Arrays.asList(HANDLER, OPERATIONS);
    }

    @Override
    public AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        return builder
                .type(named(HANDLER)).transform(advice
                        .advice(named("requestWithBody").and(takesArguments(1)), ReactorNettyRequestAdvice.class.getName())
                        .advice(named("test").and(takesArguments(Throwable.class)), ReactorNettyRetryAdvice.class.getName()))
                .type(named(OPERATIONS)).transform(advice
                        .advice(named("onInboundNext").and(takesArguments(2)), ReactorNettyInboundAdvice.class.getName())
                        .advice(namedOneOf("onInboundClose", "onInboundCancel").and(takesArguments(0)),
                                ReactorNettyClosedAdvice.class.getName())
                        .advice(named("onOutboundError").and(takesArguments(1)),
                                ReactorNettyFailedAdvice.class.getName()));
    }
}
