package dev.keywatch.instrumentation.urlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.keywatch.instrumentation.ClientInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/** {@code java.net.HttpURLConnection} over http and https: success and error streams. */
public final class UrlConnectionInstrumentation implements ClientInstrumentation {
    @Override
    public String name() {
        return "httpurlconnection";
    }

    @Override
    public List<String> classNames() {
        return Collections.singletonList("sun.net.www.protocol.http.HttpURLConnection");
    }

    @Override
    public AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice) {
        return builder.type(types())
                // plainConnect too: an https connection's connect() is its delegate's own, which calls only that.
                .transform(advice.advice(namedOneOf("connect", "plainConnect", "getOutputStream", "getInputStream")
                        .and(takesArguments(0)), UrlConnectionAdvice.class.getName()))
                .transform(advice.advice(named("getErrorStream").and(takesArguments(0)),
                        UrlConnectionErrorStreamAdvice.class.getName()));
    }

    /** The header fields are {@code sun.net.www.MessageHeader}s: export that package to the agent, and only it. */
    @Override
    public void prepare(Instrumentation instrumentation) {
        Module javaBase = Object.class.getModule();
        Module agent = UrlConnectionInstrumentation.class.getModule();
        Map<String, Set<Module>> exports = Collections.singletonMap("sun.net.www", Collections.singleton(agent));
        instrumentation.redefineModule(javaBase, Collections.emptySet(), exports, Collections.emptyMap(),
                Collections.emptySet(), Collections.emptyMap());
    }
}
