package dev.keywatch.instrumentation.vertx;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.keywatch.instrumentation.ClientInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Vert.x 4 and 5 core HTTP client ({@code io.vertx.core.http.impl}): the request's constructor and its
 * failure, the response's constructor, and the response's body chunks, end and failure.
 */
public final class VertxInstrumentation implements ClientInstrumentation {
    private static final String REQUEST = "io.vertx.core.http.impl.HttpClientRequestBase";
    private static final String RESPONSE = "io.vertx.core.http.impl.HttpClientResponseImpl";

    @Override
    public String name() {
        return VertxCapture.CLIENT;
    }

    @Override
    public List<String> classNames() {
        return Arrays.asList(REQUEST, RESPONSE);
    }

    @Override
    public AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        return builder
                .type(named(REQUEST)).transform(advice
                        .advice(isConstructor(), VertxRequestAdvice.class.getName())
                        .advice(named("fail").and(takesArguments(Throwable.class)),
                                VertxRequestFailedAdvice.class.getName()))
                .type(named(RESPONSE)).transform(advice
                        .advice(isConstructor().and(takesArgument(0, named(REQUEST))),
                                VertxResponseAdvice.class.getName())
                        .advice(named("handleChunk").and(takesArguments(1)), VertxChunkAdvice.class.getName())
                        // The body ends in handleEnd up to 5.0, in handleTrailers in 5.2.
                        .advice(namedOneOf("handleEnd", "handleTrailers").and(takesArguments(1))
                                .or(named("handleException").and(takesArguments(Throwable.class))),
                                VertxEndAdvice.class.getName()));
    }
}
