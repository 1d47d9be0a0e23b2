package dev.keywatch.instrumentation;

import dev.keywatch.instrumentation.weave.ClassHooks;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/** One HTTP client library: which classes to weave, with which hooks. */
public interface ClientInstrumentation {
    /** The configuration name: {@code keywatch.instrumentation.<name>.enabled}. */
    String name();

    /** The hooks, per exact class name. */
    List<ClassHooks> classes();

    /** The binary names of the exact classes this instrumentation transforms. */
    default List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (ClassHooks c : classes()) {
            names.add(c.className());
        }
        return names;
    }

    /** Anything the instrumentation needs from the JVM before its classes are transformed. */
    default void prepare(Instrumentation instrumentation) {
    }
}
