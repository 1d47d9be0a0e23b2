package dev.keywatch.instrumentation.okhttp;

import static dev.keywatch.capture.ApplicationPackages.OKHTTP3;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.keywatch.instrumentation.ClientInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/** OkHttp 3.x ({@code okhttp3.RealCall}), 4.x and 5.x ({@code okhttp3.internal.connection.RealCall}). */
public final class OkHttpInstrumentation implements ClientInstrumentation {
    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public List<String> classNames() {
        return Arrays.asList(OKHTTP3 + ".RealCall", OKHTTP3 + ".internal.connection.RealCall");
    }

    @Override
    public AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        // 4.x and 5.x compile Kotlin's internal function to a name-mangled "$okhttp" method; the oldest 3.x
        // releases took a boolean. The advice reads neither arguments nor anything but the Response.
        return builder.type(types()).transform(advice.advice(
                named("getResponseWithInterceptorChain").or(named("getResponseWithInterceptorChain$okhttp"))
                        .and(returns(named(OKHTTP3 + ".Response"))),
                OkHttpCallAdvice.class.getName()));
    }
}
