package dev.keywatch.instrumentation.apache;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.keywatch.instrumentation.ClientInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache HttpClient 5, classic and async: the connect step of each execution chain, which every attempt
 * passes once after routing, retries and redirects, with the request the connection will send.
 */
public final class ApacheHttpClient5Instrumentation implements ClientInstrumentation {
    private static final String CLASSIC = "org.apache.hc.client5.http.impl.classic.ConnectExec";
    private static final String ASYNC = "org.apache.hc.client5.http.impl.async.AsyncConnectExec";

    @Override
    public String name() {
        return ApacheHttpClient5Capture.CLIENT;
    }

    @Override
    public List<String> classNames() {
        return Arrays.asList(CLASSIC, ASYNC);
    }

    @Override
    public AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        return builder
                .type(named(CLASSIC)).transform(advice.advice(
                        named("execute").and(takesArguments(3))
                                .and(takesArgument(0, named("org.apache.hc.core5.http.ClassicHttpRequest"))),
                        ApacheHttpClient5ExecAdvice.class.getName()))
                .type(named(ASYNC)).transform(advice.advice(
                        named("execute").and(takesArguments(5))
                                .and(takesArgument(0, named("org.apache.hc.core5.http.HttpRequest"))),
                        ApacheHttpClient5AsyncExecAdvice.class.getName()));
    }
}
