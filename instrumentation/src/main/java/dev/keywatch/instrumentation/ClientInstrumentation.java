package dev.keywatch.instrumentation;

import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** One HTTP client library: which classes to transform, with which advice. */
public interface ClientInstrumentation {
    /** The configuration name: {@code keywatch.instrumentation.<name>.enabled}. */
    String name();

    /** The binary names of the exact classes this instrumentation transforms. */
    List<String> classNames();

    /** The same classes as a matcher by name only, so matching costs no parsing. */
    default ElementMatcher.Junction<TypeDescription> types() {
        return ElementMatchers.namedOneOf(classNames().toArray(new String[0]));
    }

    /** Adds this instrumentation's transformations. */
    AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice);

    /** Anything the instrumentation needs from the JVM before its classes are transformed. */
    default void prepare(Instrumentation instrumentation) {
    }
}
