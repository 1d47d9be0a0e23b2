package dev.keywatch.agent.install;

import dev.keywatch.capture.ErrorReporter;
import dev.keywatch.instrumentation.ClientInstrumentation;
import dev.keywatch.instrumentation.weave.ClassHooks;
import dev.keywatch.instrumentation.weave.MethodHook;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs the hooks of the enabled client instrumentations. Method bodies only, no class format changes,
 * so that classes loaded before the agent (and other agents' transformations) are retransformed safely.
 */
public final class Installer {
    private Installer() {
    }

    /** Registers the transformer and retransforms the target classes that are already loaded. */
    public static void install(Instrumentation instrumentation, List<ClientInstrumentation> clients,
                               ErrorReporter errors, List<Class<?>> loaded) {
        instrumentation.addTransformer(transformer(instrumentation, clients, errors), true);
        retransform(instrumentation, loaded, errors);
    }

    /** The transformer, not registered: for {@link DeferredTransformer}. */
    public static ClassFileTransformer transformer(Instrumentation instrumentation, List<ClientInstrumentation> clients,
                                                   ErrorReporter errors) {
        Map<String, List<MethodHook>> hooks = new HashMap<>();
        for (ClientInstrumentation client : clients) {
            client.prepare(instrumentation);
            for (ClassHooks c : client.classes()) {
                hooks.computeIfAbsent(c.className().replace('.', '/'), n -> new ArrayList<>()).addAll(c.hooks());
            }
        }
        return new HookTransformer(hooks, instrumentation, errors);
    }

    /** Target classes loaded before the transformer was ready get their hooks now. */
    public static void retransform(Instrumentation instrumentation, List<Class<?>> classes, ErrorReporter errors) {
        if (classes.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (Throwable t) {
            errors.report("advice", t);
        }
    }
}
