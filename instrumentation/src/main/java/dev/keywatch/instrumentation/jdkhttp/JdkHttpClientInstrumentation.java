package dev.keywatch.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.keywatch.instrumentation.ClientInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code java.net.http.HttpClient}: {@code send} and {@code sendAsync}, any body handler. */
public final class JdkHttpClientInstrumentation implements ClientInstrumentation {
    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public ElementMatcher.Junction<TypeDescription> types() {
        return named("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        return builder.type(types()).transform(advice.advice(
                named("sendAsync").and(isPrivate()).and(takesArguments(4))
                        .and(takesArgument(0, named("java.net.http.HttpRequest"))),
                JdkSendAdvice.class.getName()));
    }
}
