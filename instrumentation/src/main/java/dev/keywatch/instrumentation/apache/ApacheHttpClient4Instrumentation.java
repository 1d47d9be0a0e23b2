package dev.keywatch.instrumentation.apache;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.keywatch.instrumentation.ClientInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache HttpClient 4.3 to 4.5: the last step of the execution chain of every client its builders make
 * ({@code MainClientExec}, and {@code MinimalClientExec} for {@code HttpClients.createMinimal}). It sets
 * up the route, sends the request and returns the response, once per attempt.
 */
public final class ApacheHttpClient4Instrumentation implements ClientInstrumentation {
    private static final String EXECCHAIN = "org.apache.http.impl.execchain.";

    @Override
    public String name() {
        return ApacheHttpClient4Capture.CLIENT;
    }

    @Override
    public List<String> classNames() {
        return Arrays.asList(EXECCHAIN + "MainClientExec", EXECCHAIN + "MinimalClientExec");
    }

    @Override
    public AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        return builder.type(types()).transform(advice.advice(
                named("execute").and(takesArguments(4))
                        .and(takesArgument(0, named("org.apache.http.conn.routing.HttpRoute"))),
                ApacheHttpClient4ExecAdvice.class.getName()));
    }
}
