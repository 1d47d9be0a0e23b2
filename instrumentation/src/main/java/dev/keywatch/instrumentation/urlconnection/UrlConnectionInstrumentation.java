package dev.keywatch.instrumentation.urlconnection;

import static dev.keywatch.instrumentation.weave.BridgeCall.call;
import static dev.keywatch.instrumentation.weave.Operand.field;
import static dev.keywatch.instrumentation.weave.Operand.methodName;
import static dev.keywatch.instrumentation.weave.Operand.returned;
import static dev.keywatch.instrumentation.weave.Operand.self;
import static dev.keywatch.instrumentation.weave.Operand.thrown;
import static dev.keywatch.instrumentation.weave.Operand.token;

import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.weave.ClassHooks;
import dev.keywatch.instrumentation.weave.MethodHook;
import dev.keywatch.instrumentation.weave.MethodMatcher;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java.net.HttpURLConnection} over http and https: success and error streams. Weaves
 * {@code sun.net.www.protocol.http.HttpURLConnection}'s {@code connect}, {@code getOutputStream} and
 * {@code getInputStream}, reading the status from the {@code responseCode} field, never through
 * {@code getResponseCode()}, which has side effects, and the header fields directly, because
 * {@code getRequestProperty("Authorization")} hides the credential. {@code getErrorStream} hands the
 * application a tee of the error stream it asked for, when an LLM error body is awaited.
 */
public final class UrlConnectionInstrumentation implements ClientInstrumentation {
    private static final String MESSAGE_HEADER = "Lsun/net/www/MessageHeader;";

    @Override
    public String name() {
        return "httpurlconnection";
    }

    @Override
    public List<ClassHooks> classes() {
        return Collections.singletonList(ClassHooks.of("sun.net.www.protocol.http.HttpURLConnection",
                // plainConnect too: an https connection's connect() is its delegate's own, which calls only that.
                MethodHook.on(MethodMatcher.named("connect", "plainConnect", "getOutputStream", "getInputStream")
                                .arguments(0))
                        .onEnter(call("urlConnectionEnter", self()).into(token()))
                        .onExit(call("urlConnectionExit", token(), self(), field("responseCode", "I"),
                                field("userHeaders", MESSAGE_HEADER), field("responses", MESSAGE_HEADER), thrown(), methodName())),
                MethodHook.on(MethodMatcher.named("getErrorStream").arguments(0))
                        .onExit(call("urlConnectionErrorStream", self(), returned()).into(returned()))));
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
