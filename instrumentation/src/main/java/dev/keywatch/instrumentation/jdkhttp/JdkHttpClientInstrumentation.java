package dev.keywatch.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.keywatch.instrumentation.ClientInstrumentation;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/** {@code java.net.http.HttpClient}: {@code send} and {@code sendAsync}, any body handler. */
public final class JdkHttpClientInstrumentation implements ClientInstrumentation {
    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public List<String> classNames() {
        return Collections.singletonList("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        return builder.type(types()).transform(advice.advice(
                named("sendAsync").and(isPrivate()).and(takesArguments(4))
                        .and(takesArgument(0, named("java.net.http.HttpRequest"))),
                JdkSendAdvice.class.getName()));
    }
}
