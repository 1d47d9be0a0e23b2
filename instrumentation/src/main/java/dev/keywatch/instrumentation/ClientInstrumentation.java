package dev.keywatch.instrumentation;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One HTTP client library: which classes to transform, with which advice. */
public interface ClientInstrumentation {
    /** The configuration name: {@code keywatch.instrumentation.<name>.enabled}. */
    String name();

    /** The exact classes this instrumentation transforms; matched by name only, so matching costs no parsing. */
    ElementMatcher.Junction<TypeDescription> types();

    /** Adds this instrumentation's transformations. */
    AgentBuilder install(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice);

    /** Anything the instrumentation needs from the JVM before its classes are transformed. */
    default void prepare(Instrumentation instrumentation) {
    }
}
